package org.cortexsim.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class TimeGridTest {
    @Test
    void labelsAreTheDecimalTimesWithoutTheBinaryNoiseOfTheProduct() {
        TimeGrid grid = new TimeGrid(0.1);
        // the raw products carry rounding noise, which messages and status attributes must not show
        assertNotEquals("2500.1", Double.toString(grid.timeOf(25001)));
        assertNotEquals("39.9", Double.toString(grid.timeOf(399)));
        assertEquals("2500.1", grid.label(25001));
        assertEquals("39.9", grid.label(399));
        assertEquals("2500", grid.label(25000));
        assertEquals("0", grid.label(0));
        assertEquals("0.1", grid.label(1));
        assertEquals("0.025", new TimeGrid(0.025).label(1));
        assertEquals("3600000.5", new TimeGrid(0.1).label(36000005));
    }

    @Test
    void textKeepsTwelveSignificantDigitsAndNamesNonFiniteValues() {
        assertEquals("1.23456789012", TimeGrid.text(1.234567890123456));
        assertEquals("-0.3", TimeGrid.text(-0.30000000000000004));
        assertEquals("NaN", TimeGrid.text(Double.NaN));
        assertEquals("Infinity", TimeGrid.text(Double.POSITIVE_INFINITY));
        assertEquals(2000.1, TimeGrid.clean(2000.1000000000001));
        assertEquals(1000.0, TimeGrid.clean(999.9999999999999));
        assertEquals(0.0, TimeGrid.clean(0.0));
    }

    @Test
    void stepsAtOrAfterCountAWholeQuotientAsWhole() {
        TimeGrid grid = new TimeGrid(0.1);
        assertEquals(1000, grid.stepAtOrAfter(100.0));
        assertEquals(1001, grid.stepAtOrAfter(100.05));
        assertEquals(0, grid.stepAtOrAfter(-3));
    }
}
