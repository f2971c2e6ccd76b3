package org.rscale.report;

/**
 * One cell of a sweep as the report lists it.
 *
 * @param id          the cell id
 * @param depth       its depth, or 0 when unknown
 * @param seed        its seed, or null when unknown
 * @param status      converged, stalled, max-epochs, diverged, failed, missing or unknown
 * @param epochs      epochs trained, or null
 * @param trainLoss   final training loss, or null
 * @param testLoss    final test loss, or null
 * @param wallSeconds training time, or null
 * @param note        why it failed, or empty
 */
public record CellRow(String id, int depth, Integer seed, String status, Integer epochs, Double trainLoss,
                      Double testLoss, Double wallSeconds, String note) {
}
