package dev.sqo.docs;

/** Text from a CRD, written into Markdown so that it renders as written, also inside a table cell. */
final class Markdown {

    private Markdown() {
    }

    /**
     * Prose such as a description. A newline would end the table row and a pipe the cell; `*`, `_` and backticks
     * would start emphasis or code, and `<` an HTML tag that hides the text (e.g. {@code <profile name>}).
     */
    static String text(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : oneLine(s).toCharArray()) {
            switch (c) {
                case '\\', '`', '*', '_', '|' -> out.append('\\').append(c);
                case '<' -> out.append("&lt;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A literal value, such as a pattern or default, in a table cell: there only the pipe needs escaping. */
    static String code(String s) {
        return "`" + oneLine(s).replace("|", "\\|") + "`";
    }

    private static String oneLine(String s) {
        return s.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
