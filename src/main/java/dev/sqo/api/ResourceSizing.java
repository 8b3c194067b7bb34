package dev.sqo.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** How one resource is sized: a percentile of usage plus a margin, within bounds. */
@ValidationRule(value = "!has(self.min) || !has(self.max) || !isQuantity(self.min) || !isQuantity(self.max)"
        + " || quantity(self.min).compareTo(quantity(self.max)) <= 0",
        message = "min must not be greater than max")
public class ResourceSizing {

    static final String QUANTITY = "^[0-9]+(\\.[0-9]+)?(m|k|M|G|T|Ki|Mi|Gi|Ti)?$";

    @Size(max = 20)
    @Pattern(QUANTITY)
    @JsonPropertyDescription("Lowest request sqo may set, as a Kubernetes quantity (e.g. 100m, 128Mi).")
    public String min;

    @Size(max = 20)
    @Pattern(QUANTITY)
    @JsonPropertyDescription("Highest request sqo may set, as a Kubernetes quantity (e.g. 4, 8Gi).")
    public String max;

    @Min(50)
    @Max(100)
    @JsonPropertyDescription("Percentile of the usage samples the request covers.")
    public Double percentile;

    @Min(0)
    @Max(200)
    @JsonPropertyDescription("Safety margin added on top, in percent.")
    public Double margin;
}
