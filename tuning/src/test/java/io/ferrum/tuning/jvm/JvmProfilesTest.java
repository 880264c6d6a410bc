package io.ferrum.tuning.jvm;

import io.ferrum.tuning.ProjectFiles;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each JVM profile must start, exactly as ./ferrum passes it ({@code java @file}), on the JDK
 * running the tests and on JDK 25 when it is installed, without a deprecation or
 * "ignoring option" warning, and with its settings in effect.
 */
class JvmProfilesTest
{
    private static final Path JDK_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
    private static final Pattern FLAG = Pattern.compile("^\\s*\\S+\\s+(\\w+)\\s+:?=\\s+(\\S+).*$", Pattern.MULTILINE);

    @TempDir
    Path workDir;

    static Stream<Arguments> profilesAndJdks()
    {
        final List<Path> javas = new ArrayList<>();
        javas.add(Path.of(System.getProperty("java.home"), "bin", "java"));
        if (Files.isExecutable(JDK_25))
        {
            javas.add(JDK_25);
        }
        final List<Arguments> arguments = new ArrayList<>();
        for (final String profile : List.of("default", "colocated"))
        {
            for (final Path java : javas)
            {
                arguments.add(Arguments.of(profile, java));
            }
        }
        return arguments.stream();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("profilesAndJdks")
    void profileStartsWithItsSettingsInEffect(final String profile, final Path java) throws Exception
    {
        final Path options = ProjectFiles.file("tuning/jvm/" + profile + ".options");
        final String output = run(java.toString(), "@" + options, "-XX:+PrintFlagsFinal", "-version");

        assertTrue(output.contains("version \""), output);
        final String messages = FLAG.matcher(output).replaceAll("");
        for (final String warning : List.of("deprecated", "Ignoring option", "obsolete", "Unrecognized", "Error"))
        {
            assertFalse(messages.contains(warning), profile + " on " + java + " printed '" + warning + "':\n" + messages);
        }

        if ("default".equals(profile))
        {
            assertEquals("true", flag(output, "UseZGC"));
            assertEquals("false", flag(output, "AlwaysPreTouch"));
            assertEquals(String.valueOf(1L << 30), flag(output, "MaxHeapSize"));
            assertEquals("true", flag(output, "ExitOnOutOfMemoryError"));
        }
        else
        {
            assertEquals("true", flag(output, "UseZGC"));
            assertEquals("true", flag(output, "AlwaysPreTouch"));
            assertEquals(String.valueOf(2L << 30), flag(output, "MaxHeapSize"));
            assertEquals(flag(output, "MaxHeapSize"), flag(output, "InitialHeapSize"));
            assertEquals("0", flag(output, "GuaranteedSafepointInterval"));
            assertEquals("true", flag(output, "PerfDisableSharedMem"));
            try (Stream<Path> files = Files.list(workDir))
            {
                assertTrue(files.anyMatch((f) -> f.getFileName().toString().startsWith("ferrum-gc-safepoint-")),
                    "safepoint log written to the working directory");
            }
        }
    }

    private String run(final String... command) throws IOException, InterruptedException
    {
        final Path outputFile = workDir.resolve("java-output.txt");
        final Process process = new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(outputFile.toFile())
            .start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "java did not exit: " + String.join(" ", command));
        final String output = Files.readString(outputFile, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), String.join(" ", command) + "\n" + tail(output));
        return output;
    }

    private static String flag(final String printFlagsFinal, final String name)
    {
        final Matcher matcher = FLAG.matcher(printFlagsFinal);
        while (matcher.find())
        {
            if (matcher.group(1).equals(name))
            {
                return matcher.group(2);
            }
        }
        throw new AssertionError("flag " + name + " not in -XX:+PrintFlagsFinal output");
    }

    private static String tail(final String output)
    {
        return output.length() > 3000 ? output.substring(output.length() - 3000) : output;
    }
}
