package dev.sqo.cli;

import dev.sqo.SqoVersion;
import picocli.CommandLine.IVersionProvider;

/** `sqo --version`, and the same on every sub-command. */
public class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[]{"sqo " + SqoVersion.get()};
    }
}
