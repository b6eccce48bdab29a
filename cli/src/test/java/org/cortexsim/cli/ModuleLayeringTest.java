package org.cortexsim.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point one way: core <- network <- io <- {plot, sweep} <- cli. Maven's module graph already stops
 * a module from compiling against one above it; this also catches reflection-free references
 * that slip in through shared packages, and keeps core on the JDK alone.
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
    void networkDoesNotReachUp() {
        noClasses().that().resideInAPackage("org.cortexsim.network..")
                .should().dependOnClassesThat().resideInAnyPackage("org.cortexsim.io..", "org.cortexsim.plot..",
                        "org.cortexsim.sweep..", "org.cortexsim.cli..", "io.jhdf..", "com.fasterxml..", "picocli..",
                        "org.jfree..", "com.hazelcast..")
                .check(CLASSES);
    }

    @Test
    void ioDoesNotReachUp() {
        noClasses().that().resideInAPackage("org.cortexsim.io..")
                .should().dependOnClassesThat().resideInAnyPackage("org.cortexsim.plot..", "org.cortexsim.cli..",
                        "picocli..", "org.jfree..", "java.awt..", "javax.imageio..")
                .check(CLASSES);
    }

    @Test
    void plotUsesIoButNotTheCommandLine() {
        noClasses().that().resideInAPackage("org.cortexsim.plot..")
                .should().dependOnClassesThat().resideInAnyPackage("org.cortexsim.cli..", "picocli..")
                .check(CLASSES);
    }

    @Test
    void onlyPlotTouchesTheChartingLibrary() {
        noClasses().that().resideOutsideOfPackage("org.cortexsim.plot..")
                .should().dependOnClassesThat().resideInAnyPackage("org.jfree..")
                .check(CLASSES);
    }

    @Test
    void onlyIoTouchesHdf5() {
        noClasses().that().resideOutsideOfPackage("org.cortexsim.io..")
                .should().dependOnClassesThat().resideInAnyPackage("io.jhdf..")
                .check(CLASSES);
    }

    @Test
    void onlyIoAndSweepParseYaml() {
        noClasses().that().resideOutsideOfPackages("org.cortexsim.io..", "org.cortexsim.sweep..")
                .should().dependOnClassesThat().resideInAnyPackage("com.fasterxml..")
                .check(CLASSES);
    }

    @Test
    void onlySweepUsesHazelcast() {
        noClasses().that().resideOutsideOfPackage("org.cortexsim.sweep..")
                .should().dependOnClassesThat().resideInAnyPackage("com.hazelcast..")
                .check(CLASSES);
    }

    @Test
    void coreNetworkAndIoNeverUseSweep() {
        noClasses().that().resideInAnyPackage("org.cortexsim.core..", "org.cortexsim.network..", "org.cortexsim.io..")
                .should().dependOnClassesThat().resideInAnyPackage("org.cortexsim.sweep..")
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
