/**
 * Paper figures from plain data: pure builders that turn records into XChart charts, and one
 * writer that saves a chart as PNG and SVG.
 *
 * <pre>
 * builder            draws                                              axes
 * ScalingFigure      statistics against depth, OLS lines, slopes+CI     log-log
 * WeightPathFigure   one weight entry against t = k/L, several depths    linear
 * DepthLossFigure    final train/test loss against depth, ε, statuses    log-log
 * </pre>
 *
 * Each builder is a record holding its input (checked and copied when built); {@code draw()}
 * returns a {@link org.rscale.plots.Figure} (chart, style, notes) in the single-column
 * {@link org.rscale.plots.PaperStyle}, {@code draw(style)} in any other;
 * {@link org.rscale.plots.FigureFiles#write} writes {@code <name>.png} and {@code <name>.svg}
 * atomically.
 *
 * <p>Policies shared by all figures:
 * <ul>
 *   <li><b>Empty or malformed input</b> (no series, no points, mismatched lengths, bad depths,
 *       duplicate labels) throws {@link java.lang.IllegalArgumentException} naming the figure,
 *       series or value, when the record is built. A figure in which nothing at all can be drawn
 *       throws from {@code draw}. There is no "no data" figure.</li>
 *   <li><b>Values a log axis cannot show</b> (zero, negative, NaN, infinite) are omitted; the
 *       legend entry of their series says how many and why, and
 *       {@link org.rscale.plots.Figure#notes()} repeats it for the caller to report.</li>
 *   <li><b>Diverged cells</b> are drawn as crosses in a band above the top labelled decade of the
 *       loss axis, with their own legend entry.</li>
 *   <li><b>Legends</b> never cover data: they sit below the plot, one entry per line, and
 *       the canvas grows by the legend's height so every plot area has
 *       the same size.</li>
 * </ul>
 */
package org.rscale.plots;
