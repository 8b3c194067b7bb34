package dev.sqo.cli;

import picocli.CommandLine.Option;

import java.util.List;

/** The -f and -R options of the commands that read resources, as kubectl has them. */
class ResourceFiles {

    @Option(names = {"-f", "--filename", "--file"}, required = true, split = ",", paramLabel = "<file|dir|->",
            description = "YAML or JSON file, directory (its .yaml, .yml and .json files) or - for stdin; repeat it or separate "
                    + "with commas for several.")
    List<String> files;

    @Option(names = {"-R", "--recursive"}, description = "Also read the files in the directories' subdirectories.")
    boolean recursive;

    InputFiles.Read read() {
        return InputFiles.read(files, recursive);
    }
}
