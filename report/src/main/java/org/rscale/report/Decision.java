package org.rscale.report;

import java.util.List;

/**
 * The decision for one group of cells, as the report shows it.
 *
 * @param group           the group's id
 * @param title           the group in words, e.g. {@code tanh, shared δ}
 * @param regime          the regime's key ({@code ode}, {@code sde}, {@code neither}, {@code inconclusive})
 * @param sentence        the decision in one sentence
 * @param confidenceLevel {@code high}, {@code moderate} or {@code low}
 * @param confidence      the confidence statement
 * @param reasons         the reasons, the decisive ones first
 * @param evidence        the evidence table
 * @param regimeKeys      the regimes with predictions, in the order of the table's columns
 * @param qualifiers      further statements on the decision (identification, superseded evidence); may be empty
 */
public record Decision(String group, String title, String regime, String sentence, String confidenceLevel,
                       String confidence, List<String> reasons, List<EvidenceRow> evidence, List<String> regimeKeys,
                       List<String> qualifiers) {
    // Copies.
    public Decision {
        reasons = List.copyOf(reasons);
        evidence = List.copyOf(evidence);
        regimeKeys = List.copyOf(regimeKeys);
        qualifiers = List.copyOf(qualifiers);
    }
}
