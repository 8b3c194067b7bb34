package dev.sqo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** sqo's own version, from the build: what `sqo --version` prints and what sqo's clients tell the API server. */
public final class SqoVersion {

    private static final String VERSION = read();

    private SqoVersion() {
    }

    public static String get() {
        return VERSION;
    }

    private static String read() {
        try (InputStream in = SqoVersion.class.getResourceAsStream("/sqo/version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
