package io.edarouter.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Debian {@code chromium} driven through its own {@code chromedriver}, for the web console's tests. Both
 * come from the machine ({@code apt-get install chromium chromium-driver}, as {@code .ci/run} does): their paths are
 * given to Selenium, so Selenium Manager never looks for, let alone downloads, a driver or a browser. Each browser
 * gets a fresh profile under {@code target/}, deleted when it closes.
 *
 * <p>{@link #screenshot} saves the page as {@code target/console-screenshots/<name>.png}.
 */
public final class ConsoleBrowser implements AutoCloseable {

    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path SCREENSHOTS = projectDir().resolve("target").resolve("console-screenshots");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int MAX_SCREENSHOT_HEIGHT = 2400;

    private final ChromeDriver driver;
    private final Path profile;

    private ConsoleBrowser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** A new browser; the test is skipped, saying how to install them, when the machine has no chromium. */
    public static ConsoleBrowser start() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM),
                "the console's browser tests need Debian's chromium and chromedriver: "
                        + "apt-get install -y chromium chromium-driver (.ci/run does)");
        Path profile;
        try {
            profile = Files.createTempDirectory(Files.createDirectories(projectDir().resolve("target")),
                    "chromium-profile-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1280, 860));
        return new ConsoleBrowser(driver, profile);
    }

    public ChromeDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
    }

    /** The element, once it is on the page and shown. */
    public WebElement await(By locator) {
        return waiting().until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    /** The elements, once at least one is on the page. */
    public List<WebElement> awaitAll(By locator) {
        return waiting().until(ExpectedConditions.presenceOfAllElementsLocatedBy(locator));
    }

    /** A wait that also outlasts a view re-drawing itself under it (the overview refreshes, the journey reloads). */
    public WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(driver, WAIT);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /**
     * Saves the whole page (the window made as tall as the page, up to {@value #MAX_SCREENSHOT_HEIGHT} pixels) as
     * {@code target/console-screenshots/<name>.png} and answers the file.
     */
    public Path screenshot(String name) {
        Dimension window = driver.manage().window().getSize();
        long page = ((Number) driver.executeScript("return document.documentElement.scrollHeight")).longValue();
        // the window's frame: what it is taller than the page's viewport
        long frame = window.getHeight()
                - ((Number) driver.executeScript("return window.innerHeight")).longValue();
        driver.manage().window().setSize(new Dimension(window.getWidth(),
                (int) Math.min(MAX_SCREENSHOT_HEIGHT, Math.max(window.getHeight(), page + frame))));
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.move(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(window);
        }
    }

    @Override
    public void close() {
        driver.quit();
        ExternalProcess.deleteRecursively(profile);
    }

    private static Path projectDir() {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    }
}
