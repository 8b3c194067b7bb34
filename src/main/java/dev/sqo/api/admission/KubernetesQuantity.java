package dev.sqo.api.admission;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes resource quantity (250m, 1.5Gi, 2e3) as the API server parses it, for CEL's quantity() library:
 * a signed decimal number and one suffix, binary (Ki … Ei), decimal (m, k, M … E) or an exponent (e3, E-2).
 */
record KubernetesQuantity(BigDecimal value) implements Comparable<KubernetesQuantity> {

    private static final Pattern FORM = Pattern.compile("^([+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+))"
            + "(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?$");

    static Optional<KubernetesQuantity> parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        BigDecimal number = new BigDecimal(m.group(1));
        String suffix = m.group(2) == null ? "" : m.group(2);
        BigDecimal scaled = switch (suffix) {
            case "" -> number;
            case "m" -> number.movePointLeft(3);
            case "k" -> number.movePointRight(3);
            case "M" -> number.movePointRight(6);
            case "G" -> number.movePointRight(9);
            case "T" -> number.movePointRight(12);
            case "P" -> number.movePointRight(15);
            case "E" -> number.movePointRight(18);
            case "Ki" -> number.multiply(BigDecimal.valueOf(2).pow(10));
            case "Mi" -> number.multiply(BigDecimal.valueOf(2).pow(20));
            case "Gi" -> number.multiply(BigDecimal.valueOf(2).pow(30));
            case "Ti" -> number.multiply(BigDecimal.valueOf(2).pow(40));
            case "Pi" -> number.multiply(BigDecimal.valueOf(2).pow(50));
            case "Ei" -> number.multiply(BigDecimal.valueOf(2).pow(60));
            default -> exponent(number, suffix.substring(1));
        };
        return Optional.ofNullable(scaled).map(KubernetesQuantity::new);
    }

    /** Null for an exponent outside 32 bits, which the API server refuses too. */
    private static BigDecimal exponent(BigDecimal number, String exponent) {
        try {
            return number.movePointRight(Integer.parseInt(exponent));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public int compareTo(KubernetesQuantity other) {
        return value.compareTo(other.value);
    }
}
