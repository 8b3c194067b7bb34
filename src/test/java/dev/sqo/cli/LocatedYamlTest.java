package dev.sqo.cli;

import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** YAML read without silent misreads, each field with its line. */
class LocatedYamlTest {

    private static List<Manifest> read(String yaml) throws InvalidInputException {
        return LocatedYaml.read("sq.yaml", new StringReader(yaml));
    }

    @Test
    void everyFieldKnowsItsLine() throws InvalidInputException {
        Manifest m = read("""
                apiVersion: sqo.dev/v1alpha1
                kind: ServiceQuality
                metadata:
                  name: checkout
                spec:
                  objectives:
                    - name: availability
                      target: 99.9
                """).get(0);
        assertEquals("sq.yaml:8", m.at("spec.objectives[0].target"));
        assertEquals("sq.yaml:7", m.at("spec.objectives[0].ratio"), "a missing field is where it would go");
        assertEquals("sq.yaml:5", m.at("spec.window"));
    }

    @Test
    void aKeyGivenTwiceIsRefusedWithBothLines() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> read("""
                spec:
                  objectives:
                    - name: availability
                      target: 99.9
                      target: 95
                """));
        assertEquals("sq.yaml:5: key 'target' repeats in spec.objectives[0] (first on line 4); a reader would keep only the last one",
                e.getMessage());
    }

    @Test
    void twoDocumentsWithoutASeparatorAreTold() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> read("""
                apiVersion: sqo.dev/v1alpha1
                kind: ServiceQuality
                metadata: {name: a}
                apiVersion: apps/v1
                kind: Deployment
                """));
        assertTrue(e.getMessage().startsWith("sq.yaml:4: key 'apiVersion' repeats at the top of the document (first on line 1)"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("Is a '---' line missing before a second document?"), e.getMessage());
    }

    @Test
    void documentsAreCountedAndEmptyOnesSkipped() throws InvalidInputException {
        List<Manifest> docs = read("---\nkind: A\n---\n---\nkind: B\n");
        assertEquals(2, docs.size());
        assertEquals("B", docs.get(1).kind());
        assertEquals(2, docs.get(1).document());
        assertEquals(5, docs.get(1).line());
    }

    @Test
    void brokenYamlNamesItsLine() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> read("spec:\n  window: [30d\n"));
        assertTrue(e.getMessage().startsWith("sq.yaml:2: not valid YAML: while parsing a flow sequence"), e.getMessage());
    }

    @Test
    void aliasesAndMergeKeysAreRefusedNotMisread() {
        InvalidInputException alias = assertThrows(InvalidInputException.class, () -> read("""
                metadata:
                  name: &svc checkout
                spec:
                  targetRef: {kind: Deployment, name: *svc}
                """));
        assertEquals("sq.yaml:4: spec.targetRef.name: YAML alias *svc is not read by sqo: write the value out", alias.getMessage());
        InvalidInputException merge = assertThrows(InvalidInputException.class, () -> read("spec:\n  <<: {window: 30d}\n"));
        assertEquals("sq.yaml:2: spec: YAML merge keys (<<) are not read by sqo: write the fields out", merge.getMessage());
    }
}
