package io.stagesync.jobs;

import io.stagesync.testing.DevstageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Drives the dashboard in headless Chromium: enter the token, create a job, run it, watch the progress bars reach
 * 100% and the logs arrive, open the run details from the history, and save a screenshot to target/.
 * Skipped when Debian's chromium and chromium-driver are missing, except under CI=true where it must run.
 */
class DashboardBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @RegisterExtension
    static DevstageExtension devstage = DevstageExtension.demo(20);
    @TempDir
    Path dir;
    private JobsServiceFixture service;
    private WebDriver browser;

    @BeforeEach
    void startBrowserAndService() throws Exception {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            assertThat(installed).as("CI=true: the browser test must run; install chromium and chromium-driver (.ci/run does)").isTrue();
        }
        assumeTrue(installed, "Browser test skipped: Chromium not found. Enable it with "
                + "'apt-get install -y chromium chromium-driver' (Debian packages, /usr/bin/chromium and /usr/bin/chromedriver)");
        service = new JobsServiceFixture(dir, JobsServiceFixture.stages(devstage)).start();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,1600", "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium-profile")));
        ChromeDriverService driverService = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(driverService, options);
    }

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.close();
        }
    }

    @Test
    void should_create_a_job_run_it_and_show_progress_logs_and_run_details() throws Exception {
        // given
        devstage.faults("staging").latencyMs(100);
        // the page re-renders the run while it is polled: an element found just before may be replaced
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(90));
        wait.ignoring(StaleElementReferenceException.class);
        browser.get(service.url("/"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token-input"))).sendKeys(JobsServiceFixture.TOKEN);
        browser.findElement(By.id("token-save")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("job-form")));
        wait.until(d -> new Select(d.findElement(By.id("job-target"))).getOptions().size() == 2);

        // when
        browser.findElement(By.id("job-name")).sendKeys("browser-refresh");
        new Select(browser.findElement(By.id("job-base"))).selectByValue("production");
        new Select(browser.findElement(By.id("job-target"))).selectByValue("staging");
        new Select(browser.findElement(By.id("job-schedule"))).selectByValue("");
        browser.findElement(By.id("job-create")).click();
        clickWhenReady(wait, By.cssSelector(".run-now[data-job='browser-refresh']"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("run-details")));
        wait.until(ExpectedConditions.attributeToBe(By.cssSelector(".task[data-task='entries']"), "data-progress", "100"));
        wait.until(ExpectedConditions.textToBe(By.id("run-status"), "SUCCEEDED"));
        wait.until(d -> !d.findElements(By.cssSelector("#logs li")).isEmpty());
        String runId = browser.findElement(By.id("run-details")).getAttribute("data-run");
        browser.findElement(By.id("logs")).click();
        clickWhenReady(wait, By.cssSelector("#runs button.details[data-run='" + runId + "']"));
        wait.until(ExpectedConditions.textToBe(By.id("run-status"), "SUCCEEDED"));
        wait.until(d -> d.findElements(By.cssSelector("#logs li")).size()
                == Integer.parseInt(d.findElement(By.id("run-log-count")).getText()));
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Path screenshot = Path.of("target", "dashboard-run-details.png");
        Files.createDirectories(screenshot.getParent());
        Files.copy(shot.toPath(), screenshot, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        Map<String, String> shown = wait.until(d -> {
            WebElement entries = d.findElement(By.cssSelector(".task[data-task='entries']"));
            return Map.of("entriesStatus", entries.getAttribute("data-status"),
                    "entriesPercent", entries.findElement(By.cssSelector(".percent")).getText(),
                    "entriesBar", String.valueOf(entries.findElement(By.cssSelector(".bar span")).getAttribute("style")),
                    "runId", d.findElement(By.id("run-id")).getText(),
                    "createdBy", d.findElement(By.id("run-created-by")).getText(),
                    "elapsed", d.findElement(By.id("run-elapsed")).getText(),
                    "firstLog", d.findElements(By.cssSelector("#logs li")).get(0).getText(),
                    "jobRows", String.valueOf(d.findElements(By.cssSelector("#jobs tr[data-job='browser-refresh']")).size()));
        });

        // then
        assertThat(shown).containsEntry("entriesStatus", "SUCCEEDED").containsEntry("entriesPercent", "100%")
                .containsEntry("runId", runId).containsEntry("createdBy", "dashboard").containsEntry("jobRows", "1");
        assertThat(shown.get("elapsed")).endsWith("s");
        // the bar's width is set through the CSSOM: the Content-Security-Policy refuses inline style attributes
        assertThat(shown.get("entriesBar")).contains("width: 100%");
        assertThat(shown.get("firstLog")).contains("Run started");
        assertThat(screenshot).isNotEmptyFile();
    }

    /** Clicks inside the wait, so a button the page re-rendered between finding and clicking is found again. */
    private static void clickWhenReady(WebDriverWait wait, By button) {
        wait.until(d -> {
            WebElement ready = ExpectedConditions.elementToBeClickable(button).apply(d);
            if (ready == null) {
                return false;
            }
            ready.click();
            return true;
        });
    }
}
