package org.cortexsim.run.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.cortexsim.config.ConfigException;
import org.cortexsim.config.Location;
import org.cortexsim.config.ValueSpec;
import org.cortexsim.results.SonataWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Values given as {@code {type: hdf5, path, dataset}} are read through the results module: the
 * values of the dataset, in order, for exactly as many elements; a wrong path, dataset or count is
 * a config error at the value's location naming the file and dataset.
 */
class ValueSourcesTest {
    @TempDir
    Path dir;

    private static final Location AT = new Location("net.yaml", 7, 12, "populations[0].params.C");

    @Test
    void anHdf5DatasetGivesItsValuesInOrder() throws Exception {
        Path file = dir.resolve("c.h5");
        double[] c = {100, 101.5, 99.25, 120};
        try (SonataWriter w = SonataWriter.create(file, false)) {
            w.dataset("/params/c", c, Map.of("units", "pF"));
            w.dataset("/params/n", new long[] {1, 2, 3, 4}, Map.of());
            w.commit();
        }
        SplittableRandom rng = new SplittableRandom(1);
        assertArrayEquals(c, ValueSources.values(new ValueSpec.Hdf5Dataset(file, "/params/c", AT), 4, rng, "C"));
        assertArrayEquals(new double[] {1, 2, 3, 4},
                ValueSources.values(new ValueSpec.Hdf5Dataset(file, "/params/n", AT), 4, rng, "C"));

        ConfigException count = assertThrows(ConfigException.class,
                () -> ValueSources.values(new ValueSpec.Hdf5Dataset(file, "/params/c", AT), 5, rng, "C"));
        assertTrue(count.getMessage().startsWith("net.yaml:7:12: populations[0].params.C: " + file + ":/params/c has 4"
                + " values but C needs 5"), count.getMessage());
        ConfigException group = assertThrows(ConfigException.class,
                () -> ValueSources.distribution(new ValueSpec.Hdf5Dataset(file, "/params", AT)));
        assertTrue(group.getMessage().contains(file + " has no one-dimensional numeric dataset '/params'"),
                group.getMessage());
        ConfigException none = assertThrows(ConfigException.class,
                () -> ValueSources.distribution(new ValueSpec.Hdf5Dataset(file, "/params/d", AT)));
        assertTrue(none.getMessage().contains(file + " has no one-dimensional numeric dataset '/params/d'"),
                none.getMessage());
        Path missing = dir.resolve("none.h5");
        ConfigException gone = assertThrows(ConfigException.class,
                () -> ValueSources.distribution(new ValueSpec.Hdf5Dataset(missing, "/c", AT)));
        assertTrue(gone.getMessage().contains("file not found: " + missing), gone.getMessage());
        Path text = Files.writeString(dir.resolve("text.h5"), "not hdf5");
        ConfigException notHdf5 = assertThrows(ConfigException.class,
                () -> ValueSources.distribution(new ValueSpec.Hdf5Dataset(text, "/c", AT)));
        assertTrue(notHdf5.getMessage().contains("cannot read " + text + ":/c"), notHdf5.getMessage());
    }
}
