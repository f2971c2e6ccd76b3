package org.rscale.report;

/** The names of the files the pipeline and the report write, defined once. */
public final class ReportFiles {
    /** The report's directory under a sweep. */
    public static final String REPORT_DIR = "report";
    /** The report's page. */
    public static final String INDEX_HTML = "index.html";
    /** Under a comparison's directory: the sweeps' own analyses and figures when they could not be written beside them. */
    public static final String SWEEPS_DIR = "sweeps";
    /** The statistics of every cell, under the analysis directory. */
    public static final String STATISTICS_CSV = "statistics.csv";
    /** The scaling fits, under the analysis directory. */
    public static final String FITS_CSV = "fits.csv";

    private ReportFiles() {
    }
}
