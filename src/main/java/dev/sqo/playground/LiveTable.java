package dev.sqo.playground;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sqo.actuate.ActionEvents;
import dev.sqo.playground.api.ResourceTable;
import dev.sqo.playground.api.TableColumn;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.io.PrintStream;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code kubectl get sq -A -w} would print, plus the operator's actions: a row whenever a ServiceQuality's
 * columns change, and a line for every event sqo records. Polls the API; the playground has time.
 */
public final class LiveTable {

    private static final ResourceDefinitionContext SERVICE_QUALITIES = new ResourceDefinitionContext.Builder()
            .withGroup("sqo.dev").withVersion("v1alpha1").withPlural("servicequalities").withKind("ServiceQuality")
            .withNamespaced(true).build();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final int[] WIDTHS = {10, 10, 22, 5, 8, 9, 6, 5};

    private final KubernetesClient client;
    private final PrintStream out;
    private final Clock clock;
    private final List<TableColumn> columns;
    private final Map<String, String> lastRows = new HashMap<>();
    private final Set<String> seenEvents = new HashSet<>();
    private boolean headerPrinted;

    public LiveTable(KubernetesClient client, PrintStream out, Clock clock) {
        this.client = client;
        this.out = out;
        this.clock = clock;
        CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions().withName("servicequalities.sqo.dev").get();
        this.columns = ResourceTable.columnsOf(Serialization.jsonMapper().valueToTree(crd.getSpec().getVersions().get(0)));
    }

    /** Prints what changed since the last call. */
    public void refresh() {
        try {
            for (GenericKubernetesResource sq : client.genericKubernetesResources(SERVICE_QUALITIES).inAnyNamespace().list().getItems()) {
                if (sq.getAdditionalProperties().get("status") == null) {
                    continue;
                }
                List<String> cells = new ArrayList<>();
                cells.add(sq.getMetadata().getNamespace());
                cells.add(sq.getMetadata().getName());
                JsonNode table = Serialization.jsonMapper().readTree(
                        ResourceTable.render(Serialization.jsonMapper().valueToTree(sq), columns, clock.instant()));
                // The cells after the name, without the age: the line's time says when.
                JsonNode rowCells = table.path("rows").get(0).path("cells");
                for (int i = 1; i < rowCells.size() - 1; i++) {
                    cells.add(rowCells.get(i).isNull() ? "" : rowCells.get(i).asText());
                }
                String key = sq.getMetadata().getNamespace() + "/" + sq.getMetadata().getName();
                String row = format(cells);
                if (!row.equals(lastRows.put(key, row))) {
                    header();
                    out.println(TIME.format(clock.instant()) + "  " + row);
                }
            }
            for (Event e : client.v1().events().inAnyNamespace().list().getItems()) {
                if (e.getSource() != null && ActionEvents.COMPONENT.equals(e.getSource().getComponent()) && seenEvents.add(e.getMetadata().getUid())) {
                    header();
                    out.println(TIME.format(clock.instant()) + "  " + e.getType() + " " + e.getReason() + " "
                            + e.getInvolvedObject().getKind() + "/" + e.getInvolvedObject().getName() + ": " + e.getMessage());
                }
            }
        } catch (KubernetesClientException | JsonProcessingException e) {
            out.println("(cannot read the playground API: " + e.getMessage() + ")");
        }
    }

    private void header() {
        if (!headerPrinted) {
            List<String> names = new ArrayList<>(List.of("NAMESPACE", "NAME"));
            columns.subList(0, columns.size() - 1).forEach(c -> names.add(c.name().toUpperCase()));
            out.println("TIME      " + format(names));
            headerPrinted = true;
        }
    }

    private static String format(List<String> cells) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            int width = i < WIDTHS.length ? WIDTHS[i] : 10;
            line.append(String.format("%-" + width + "s", cells.get(i))).append(' ');
        }
        return line.toString().stripTrailing();
    }
}
