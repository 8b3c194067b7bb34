package dev.sqo.tuning;

/**
 * One typed setting of a profile, with its value as the kernel file takes it.
 *
 * @param key one of {@link #GOVERNOR}, {@link #SWAPPINESS}, {@link #SCHEDULER}, {@link #RMEM_MAX}, {@link #WMEM_MAX}
 *            or {@link #CPU_MANAGER_POLICY} (verified, never written)
 */
public record TuningSetting(String key, String value) {

    public static final String GOVERNOR = "cpu.governor";
    public static final String SWAPPINESS = "vm.swappiness";
    public static final String SCHEDULER = "disk.scheduler";
    public static final String RMEM_MAX = "net.core.rmem_max";
    public static final String WMEM_MAX = "net.core.wmem_max";
    public static final String CPU_MANAGER_POLICY = "kubelet.cpuManagerPolicy";
}
