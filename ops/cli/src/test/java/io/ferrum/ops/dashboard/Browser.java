package io.ferrum.ops.dashboard;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Debian's headless Chromium driven through Debian's chromedriver (no browser downloaded: Selenium
 * Manager is never asked, both paths are given). Missing, it fails the test with what to install:
 * a browser test that skips would pass on a machine that never ran it.
 */
final class Browser implements AutoCloseable
{
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Where the screenshots for the reviewer go (ops/cli/target/screenshots when Maven runs the test). */
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;

    Browser(final Path profileDir)
    {
        assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
            "the dashboard's browser tests need Debian's chromium and chromedriver at " + CHROMIUM + " and " + CHROMEDRIVER +
            ": apt-get install -y chromium chromium-driver (.ci/run does it when they are missing)");
        final ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
            "--window-size=1600,2400", "--user-data-dir=" + profileDir.toAbsolutePath());
        final LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        final ChromeDriverService service = new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
    }

    ChromeDriver driver()
    {
        return driver;
    }

    /** What the page wrote to the console at level SEVERE (errors, failed loads, CSP refusals) since the last call. */
    List<String> consoleErrors()
    {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
            .filter((entry) -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
            .map(LogEntry::toString).toList();
    }

    /** Saves the page as it is now to target/screenshots/NAME.png. */
    Path screenshot(final String name)
    {
        try
        {
            Files.createDirectories(SCREENSHOTS);
            final Path file = SCREENSHOTS.resolve(name + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    public void close()
    {
        driver.quit();
    }
}
