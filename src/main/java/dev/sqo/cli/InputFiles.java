package dev.sqo.cli;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The -f arguments of a command read as kubectl reads them: files, directories (their .yaml, .yml and .json files,
 * and with -R those of every subdirectory) and {@code -} for stdin. Every argument is read; the problems of all of
 * them are reported together.
 */
final class InputFiles {

    static final String STDIN = "-";

    record Read(List<Manifest> manifests, List<String> problems) {
    }

    private InputFiles() {
    }

    static Read read(List<String> arguments, boolean recursive) {
        List<Manifest> manifests = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String argument : arguments) {
            try {
                if (argument.equals(STDIN)) {
                    manifests.addAll(LocatedYaml.read("<stdin>", new InputStreamReader(System.in, StandardCharsets.UTF_8)));
                    continue;
                }
                for (Path file : files(Path.of(argument), recursive)) {
                    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                        manifests.addAll(LocatedYaml.read(file.toString(), reader));
                    } catch (InvalidInputException e) {
                        problems.add(e.getMessage());
                    }
                }
            } catch (InvalidInputException e) {
                problems.add(e.getMessage());
            } catch (NoSuchFileException e) {
                problems.add(argument + ": no such file or directory");
            } catch (AccessDeniedException e) {
                problems.add(e.getFile() + ": permission denied");
            } catch (IOException e) {
                problems.add(argument + ": cannot be read: " + e.getMessage());
            }
        }
        return new Read(manifests, problems);
    }

    private static List<Path> files(Path path, boolean recursive) throws IOException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString());
        }
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        try (Stream<Path> found = recursive ? Files.walk(path) : Files.list(path)) {
            return found.filter(Files::isRegularFile).filter(InputFiles::isManifest).sorted().toList();
        }
    }

    private static boolean isManifest(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }
}
