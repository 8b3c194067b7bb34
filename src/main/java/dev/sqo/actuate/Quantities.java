package dev.sqo.actuate;

/** Cores and bytes written the way Kubernetes users write them. */
public final class Quantities {

    private static final long MIB = 1024 * 1024;

    private Quantities() {
    }

    public static String cpu(double cores) {
        long millis = Math.round(cores * 1000);
        return millis % 1000 == 0 ? Long.toString(millis / 1000) : millis + "m";
    }

    public static String memory(double bytes) {
        long b = Math.round(bytes);
        if (b % (1024 * MIB) == 0) {
            return b / (1024 * MIB) + "Gi";
        }
        return b % MIB == 0 ? b / MIB + "Mi" : Long.toString(b);
    }
}
