package dev.sqo.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * crds/ is what users apply; it is generated from the Java API. This test regenerates it and fails when the
 * checked-in file differs. Run with -Dsqo.crds.update=true to rewrite it.
 */
class CrdFileTest {

    static final Path CRD_FILE = Path.of("crds/servicequalities.sqo.dev-v1.yml");
    static final Path NTP_CRD_FILE = Path.of("crds/nodetuningprofiles.sqo.dev-v1.yml");

    @Test
    void checkedInCrdsAreCurrent() throws IOException {
        for (Class<? extends CustomResource<?, ?>> type : List.of(ServiceQuality.class, NodeTuningProfile.class)) {
            Path file = type == ServiceQuality.class ? CRD_FILE : NTP_CRD_FILE;
            String generated = generate(type, file.getFileName().toString());
            if (Boolean.getBoolean("sqo.crds.update")) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, generated);
            }
            assertEquals(generated, Files.readString(file),
                    file + " is stale: run ./mvnw test -Dtest=CrdFileTest -Dsqo.crds.update=true and commit it");
        }
    }

    static String generate(Class<? extends CustomResource<?, ?>> type, String name) throws IOException {
        Path dir = Files.createTempDirectory("crd");
        new CRDGenerator().inOutputDir(dir.toFile()).forCRDVersions("v1")
                .withPostProcessor(new CRDPostProcessor() {
                    @Override
                    public HasMetadata process(HasMetadata crd, String version) {
                        orderColumns(type, (CustomResourceDefinition) crd);
                        return crd;
                    }
                })
                .customResourceClasses(type).generate();
        Path file = dir.resolve(name);
        String text = Files.readString(file);
        Files.delete(file);
        Files.delete(dir);
        return text;
    }

    /** The generator sorts printer columns by JSON path; kubectl shows them in the order the class declares. */
    private static void orderColumns(Class<?> type, CustomResourceDefinition crd) {
        List<String> declared = Arrays.stream(type.getAnnotationsByType(AdditionalPrinterColumn.class))
                .map(AdditionalPrinterColumn::name).toList();
        crd.getSpec().getVersions().forEach(v -> v.getAdditionalPrinterColumns()
                .sort(Comparator.comparingInt((CustomResourceColumnDefinition c) -> declared.indexOf(c.getName()))));
    }
}
