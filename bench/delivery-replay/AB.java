import java.net.*; import java.lang.reflect.*; import java.nio.file.*;
/** AB JARS(comma) MODES(comma) harness-args... : one JVM, each jar in its own class loader, reps interleaved. */
public class AB {
    public static void main(String[] a) throws Exception {
        String[] jars = a[0].split(","); String[] modes = a[1].split(",");
        String[] hargs = java.util.Arrays.copyOfRange(a, 2, a.length);
        int reps = Integer.getInteger("reps", 12);
        Method[] rep = new Method[jars.length]; Method sum = null;
        for (int j = 0; j < jars.length; j++) {
            URLClassLoader cl = new URLClassLoader(new URL[] {Paths.get(System.getProperty("harness.classes", "hcls")).toUri().toURL(), Paths.get(jars[j]).toUri().toURL()}, ClassLoader.getPlatformClassLoader());
            Class<?> h = cl.loadClass("org.cortexsim.network.Harness");
            h.getMethod("setup", String[].class).invoke(null, (Object) hargs);
            rep[j] = h.getMethod("rep", String.class); sum = h.getMethod("summary", String.class, double[].class, double[].class);
        }
        double[][][] r = new double[jars.length][modes.length][reps], d = new double[jars.length][modes.length][reps];
        for (int k = 0; k < reps; k++) for (int j = 0; j < jars.length; j++) for (int m = 0; m < modes.length; m++) {
            double[] x = (double[]) rep[j].invoke(null, modes[m]); r[j][m][k] = x[0]; d[j][m][k] = x[1];
        }
        for (int m = 0; m < modes.length; m++) for (int j = 0; j < jars.length; j++)
            System.out.println(sum.invoke(null, Paths.get(jars[j]).getFileName() + ":" + modes[m], r[j][m], d[j][m]));
        if (jars.length == 1 && modes.length == 2) {
            double[] ratio = new double[reps - 2]; int wins = 0;
            for (int k = 2; k < reps; k++) { ratio[k - 2] = r[0][1][k] / r[0][0][k]; if (ratio[k - 2] < 1) wins++; }
            java.util.Arrays.sort(ratio);
            System.out.printf("PAIRED modes %s/%s: median %.3f (quartiles %.3f %.3f), second faster in %d of %d reps%n", modes[1], modes[0],
                ratio[ratio.length / 2], ratio[ratio.length / 4], ratio[3 * ratio.length / 4], wins, reps - 2);
        }
        if (jars.length == 2) for (int m = 0; m < modes.length; m++) {
            double[] ratio = new double[reps - 2]; int wins = 0;
            for (int k = 2; k < reps; k++) { ratio[k - 2] = r[1][m][k] / r[0][m][k]; if (ratio[k - 2] < 1) wins++; }
            java.util.Arrays.sort(ratio);
            System.out.printf("PAIRED %s: second/first median %.3f (quartiles %.3f %.3f), second faster in %d of %d reps%n", modes[m],
                ratio[ratio.length / 2], ratio[ratio.length / 4], ratio[3 * ratio.length / 4], wins, reps - 2);
        }
    }
}
