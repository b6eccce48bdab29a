package org.cortexsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher ({@code ./cortexsim} at the repository root) builds the jar when sources changed.
 * Several launchers started at once (the workers of a partitioned run on one machine, right after
 * a {@code git pull}) must build it once, not race three Maven builds in one tree: the others wait
 * and then run the jar that was built. Checked on a copy of the launcher in a scratch tree with a
 * stand-in {@code mvn} (which fails if another build is running, and counts its builds) and a
 * stand-in {@code java}, so no real build runs.
 */
class LauncherBuildTest {
    @TempDir
    Path dir;

    private static void script(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void launchersStartedAtOnceBuildTheJarOnceAndAllRunIt() throws Exception {
        if (!new File("/usr/bin/flock").canExecute() && !new File("/bin/flock").canExecute()) {
            System.out.println("NOTICE: LauncherBuildTest skipped: flock (util-linux) is not installed");
            Assumptions.abort("flock missing");
        }
        Path launcher = Path.of(System.getProperty("user.dir")).getParent().resolve("cortexsim");
        Path root = dir.resolve("checkout");
        Files.createDirectories(root);
        Files.copy(launcher, root.resolve("cortexsim"));
        Files.writeString(root.resolve("pom.xml"), "<project/>\n");
        Path bin = dir.resolve("bin");
        // a build that takes a while, refuses to overlap another, and leaves the jar
        script(bin.resolve("mvn"), """
                #!/usr/bin/env bash
                if ! mkdir "$PWD/.building" 2>/dev/null; then echo "overlapping build" >&2; exit 1; fi
                echo build >> "$PWD/builds.txt"
                sleep 1
                mkdir -p cli/target && echo jar > cli/target/cortexsim.jar
                rmdir "$PWD/.building"
                """);
        Path jdk = dir.resolve("jdk");
        script(jdk.resolve("bin/java"), """
                #!/usr/bin/env bash
                [ "$1" = "--list-modules" ] && exit 0
                for a in "$@"; do [ "$a" = "--version" ] && { echo "ran"; exit 0; }; done
                exit 3
                """);
        List<Process> launchers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ProcessBuilder pb = new ProcessBuilder("bash", root.resolve("cortexsim").toString(), "--version");
            pb.environment().put("PATH", bin + File.pathSeparator + System.getenv("PATH"));
            pb.environment().put("JAVA_HOME", jdk.toString());
            pb.environment().remove("CORTEXSIM_CLASSPATH");
            pb.redirectErrorStream(true);
            launchers.add(pb.start());
        }
        for (Process p : launchers) {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), out + (Files.exists(root.resolve(".build.log"))
                    ? Files.readString(root.resolve(".build.log")) : ""));
            assertTrue(out.contains("ran"), out);
        }
        assertEquals(List.of("build"), Files.readAllLines(root.resolve("builds.txt")),
                "one build for three launchers started at once");
    }
}
