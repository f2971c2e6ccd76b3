/**
 * The report of a sweep: the analyze, fit, plot, report pipeline ({@link org.rscale.report.SweepPipeline}) and
 * one self-contained HTML page per sweep, or one comparison page for several ({@link org.rscale.report.HtmlReport}).
 *
 * <p>The page is rendered from plain rows ({@link org.rscale.report.SweepReport}, {@link org.rscale.report.Decision},
 * {@link org.rscale.report.EvidenceRow}): the decision sentence and its confidence, the reasons, the evidence table
 * (quantity, estimate, interval, what each regime predicts, which way it points), every figure with its caption
 * ({@link org.rscale.plots.FigureCatalog}), the settings, the cells' statuses, the provenance and the commands that
 * reproduce it. Only {@link org.rscale.report.VerdictView} knows the verdict's records; the rendering knows rows.
 */
package org.rscale.report;
