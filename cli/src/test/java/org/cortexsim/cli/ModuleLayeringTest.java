package org.cortexsim.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point one way: {@code core <- network <- config <- run <- {sweep, cli}} and
 * {@code results <- {run, plot, sweep}}, with {@code plot <- cli}. Maven's module graph already
 * stops a module from compiling against one above it; this also catches references that slip in
 * through shared packages, keeps core on the JDK alone and the result format free of the engine.
 */
class ModuleLayeringTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.cortexsim");

    @Test
    void coreDependsOnTheJdkOnly() {
        // the JDK includes its incubating Vector API module, used where present
        noClasses().that().resideInAPackage("org.cortexsim.core..")
                .should().dependOnClassesThat().resideOutsideOfPackages("org.cortexsim.core..", "java..", "javax..",
                        "jdk.incubator.vector..")
                .check(CLASSES);
    }

    @Test
    void networkDependsOnCoreAndEjmlOnly() {
        noClasses().that().resideInAPackage("org.cortexsim.network..")
                .should().dependOnClassesThat().resideOutsideOfPackages("org.cortexsim.core..",
                        "org.cortexsim.network..", "org.ejml..", "java..", "javax..")
                .check(CLASSES);
    }

    @Test
    void resultsDependsOnJhdfOnly() {
        noClasses().that().resideInAPackage("org.cortexsim.results..")
                .should().dependOnClassesThat().resideOutsideOfPackages("org.cortexsim.results..", "io.jhdf..",
                        "java..", "javax..")
                .check(CLASSES);
    }

    @Test
    void configDependsOnTheModelsAndJacksonOnly() {
        noClasses().that().resideInAPackage("org.cortexsim.config..")
                .should().dependOnClassesThat().resideOutsideOfPackages("org.cortexsim.config..",
                        "org.cortexsim.core..", "org.cortexsim.network..", "com.fasterxml..", "org.yaml.snakeyaml..",
                        "java..", "javax..")
                .check(CLASSES);
    }

    @Test
    void runDoesNotReachUp() {
        noClasses().that().resideInAPackage("org.cortexsim.run..")
                .should().dependOnClassesThat().resideInAnyPackage("org.cortexsim.plot..", "org.cortexsim.sweep..",
                        "org.cortexsim.cli..", "picocli..", "org.jfree..", "java.awt..", "javax.imageio..",
                        "com.hazelcast..")
                .check(CLASSES);
    }

    @Test
    void plotReadsResultsOnly() {
        noClasses().that().resideInAPackage("org.cortexsim.plot..")
                .should().dependOnClassesThat().resideInAnyPackage("org.cortexsim.core..", "org.cortexsim.network..",
                        "org.cortexsim.config..", "org.cortexsim.run..", "org.cortexsim.sweep..",
                        "org.cortexsim.cli..", "org.ejml..", "com.fasterxml..", "picocli..", "com.hazelcast..")
                .check(CLASSES);
    }

    @Test
    void onlyPlotTouchesTheChartingLibrary() {
        noClasses().that().resideOutsideOfPackage("org.cortexsim.plot..")
                .should().dependOnClassesThat().resideInAnyPackage("org.jfree..")
                .check(CLASSES);
    }

    /** run reads HDF5 value columns and SONATA edges through results, so jHDF stays in results. */
    @Test
    void onlyResultsTouchesHdf5() {
        noClasses().that().resideOutsideOfPackage("org.cortexsim.results..")
                .should().dependOnClassesThat().resideInAnyPackage("io.jhdf..")
                .check(CLASSES);
    }

    /** Sweep files are read through config's public tree reader, so Jackson and SnakeYAML stay in config. */
    @Test
    void onlyConfigParsesYaml() {
        noClasses().that().resideOutsideOfPackage("org.cortexsim.config..")
                .should().dependOnClassesThat().resideInAnyPackage("com.fasterxml..", "org.yaml.snakeyaml..")
                .check(CLASSES);
    }

    @Test
    void onlySweepUsesHazelcast() {
        noClasses().that().resideOutsideOfPackage("org.cortexsim.sweep..")
                .should().dependOnClassesThat().resideInAnyPackage("com.hazelcast..")
                .check(CLASSES);
    }

    @Test
    void sweepDoesNotReachUp() {
        noClasses().that().resideInAPackage("org.cortexsim.sweep..")
                .should().dependOnClassesThat().resideInAnyPackage("org.cortexsim.cli..", "picocli..",
                        "org.cortexsim.plot..")
                .check(CLASSES);
    }
}
