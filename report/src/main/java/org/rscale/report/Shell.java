package org.rscale.report;

/** Quoting for the commands the report prints. */
final class Shell {

    private Shell() {
    }

    /**
     * @param s a word
     * @return it quoted for a POSIX shell when it needs quoting
     */
    static String quote(String s) {
        if (!s.isEmpty() && s.matches("[A-Za-z0-9_@%+=:,./-]+")) {
            return s;
        }
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
