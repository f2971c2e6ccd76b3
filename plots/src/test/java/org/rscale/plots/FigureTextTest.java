package org.rscale.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rscale.sweeps.testing.QuietConsole;

@ExtendWith(QuietConsole.class)
class FigureTextTest {

    @Test
    void decadesUseSuperscripts() {
        assertEquals("10\u207B\u00B3", FigureText.decade(-3));
        assertEquals("10\u2070", FigureText.decade(0));
        assertEquals("10\u00B9\u2070", FigureText.decade(10));
    }

    @Test
    void numbersAreCompactWithATrueMinus() {
        assertEquals("10\u207B\u00B3", FigureText.number(0.001));
        assertEquals("0.0025", FigureText.number(0.0025));
        assertEquals("0.01", FigureText.number(0.01));
        assertEquals("250", FigureText.number(250));
        assertEquals("10\u2074", FigureText.number(1e4));
        assertEquals("2.5\u00D710\u207B\u2075", FigureText.number(2.5e-5));
        assertEquals("\u22121.5", FigureText.number(-1.5));
        assertEquals("\u221210\u207B\u2076", FigureText.number(-1e-6));
        assertEquals("0", FigureText.number(0));
        assertEquals("NaN", FigureText.number(Double.NaN));
    }

    @Test
    void fixedRoundsAndDropsTheSignOfZero() {
        assertEquals("\u22120.21", FigureText.fixed(-0.2149, 2));
        assertEquals("0.00", FigureText.fixed(-0.0001, 2));
        assertEquals("1.000", FigureText.fixed(1, 3));
    }

    @Test
    void ticksHaveNoFloatingPointNoise() {
        assertEquals("0.3", FigureText.tick(0.1 + 0.2));
        assertEquals("0", FigureText.tick(1.3877787807814457E-17));
        assertEquals("\u22120.4", FigureText.tick(-0.4));
    }
}
