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
 * 100% and the logs arrive, the status line follow the run, a task's own log, the result per model, open the run
 * details from the history, and save a screenshot to target/; pause a recurring job (it does not fire) and resume it
 * (it fires again).
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
        Map<String, String> settings = new java.util.HashMap<>(JobsServiceFixture.stages(devstage));
        settings.put("stagesync.backup.data-dir", dir.resolve("backups").toString());
        // a stage without a parent, which a restore may write
        if (!devstage.server().environments().contains("restored")) {
            devstage.server().addEnvironment("restored", io.stagesync.devstage.DevstageServer.demoModel(), 0);
        }
        settings.put("stagesync.stages.restored.content-api", devstage.contentApiUrl("restored"));
        settings.put("stagesync.stages.restored.token", devstage.token());
        service = new JobsServiceFixture(dir, settings).start();
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
        WebDriverWait wait = signIn();

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
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "SUCCEEDED"));
        clickWhenReady(wait, By.cssSelector(".task[data-task='entries'] > summary"));
        wait.until(d -> !d.findElements(By.cssSelector(".task[data-task='entries'] .task-logs li")).isEmpty());
        Map<String, String> result = wait.until(d -> Map.of(
                "message", d.findElement(By.id("message")).getText(),
                "entriesOpen", String.valueOf(d.findElement(By.cssSelector(".task[data-task='entries']")).getAttribute("open") != null),
                "entriesLog", d.findElements(By.cssSelector(".task[data-task='entries'] .task-logs li")).get(0).getText(),
                "otherTaskLines", String.valueOf(d.findElements(By.cssSelector(".task[data-task='publish'] .task-logs li")).stream()
                        .filter(li -> li.getAttribute("textContent").contains("[entries]")).count()),
                "hotelRow", d.findElement(By.cssSelector("#report-models tr[data-model='Hotel']")).getText(),
                "assets", d.findElement(By.id("report-assets")).getText(),
                "failedCount", d.findElement(By.id("report-failed-count")).getText()));
        browser.findElement(By.id("logs")).click();
        clickWhenReady(wait, By.cssSelector("#runs button.details[data-run='" + runId + "']"));
        wait.until(ExpectedConditions.textToBe(By.id("run-status"), "SUCCEEDED"));
        wait.until(d -> d.findElements(By.cssSelector("#logs li")).size()
                == Integer.parseInt(d.findElement(By.id("run-log-count")).getText()));
        clickWhenReady(wait, By.cssSelector(".task[data-task='entries'] > summary"));
        wait.until(d -> !d.findElements(By.cssSelector(".task[data-task='entries'] .task-logs li")).isEmpty());
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
        assertThat(result.get("message")).isEqualTo("Run " + runId.substring(0, 8) + " of browser-refresh: SUCCEEDED");
        assertThat(result).containsEntry("entriesOpen", "true").containsEntry("otherTaskLines", "0").containsEntry("failedCount", "(0)");
        assertThat(result.get("entriesLog")).contains("[entries]");
        // 20 hotels read and created, none updated, unchanged or failed, 20 published (demo content is published)
        assertThat(result.get("hotelRow")).startsWith("Hotel 20 20 0 0 0");
        assertThat(result.get("assets")).startsWith("Assets: 4 read, 4 created").contains("moved");
        assertThat(shown).containsEntry("entriesStatus", "SUCCEEDED").containsEntry("entriesPercent", "100%")
                .containsEntry("runId", runId).containsEntry("createdBy", "dashboard").containsEntry("jobRows", "1");
        assertThat(shown.get("elapsed")).endsWith("s");
        // the bar's width is set through the CSSOM: the Content-Security-Policy refuses inline style attributes
        assertThat(shown.get("entriesBar")).contains("width: 100%");
        assertThat(shown.get("firstLog")).contains("Run started");
        assertThat(screenshot).isNotEmptyFile();
    }

    @Test
    void should_pause_a_recurring_job_so_that_it_does_not_fire_and_resume_it_so_that_it_fires_again() throws Exception {
        // given
        service.post("/api/jobs", "{\"name\":\"every-second\",\"base\":\"production\",\"target\":\"staging\","
                + "\"schedule\":\"0/1 * * * * ?\",\"options\":{\"models\":\"Destination\"}}");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        wait.ignoring(StaleElementReferenceException.class);
        browser.get(service.url("/"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token-input"))).sendKeys(JobsServiceFixture.TOKEN);
        browser.findElement(By.id("token-save")).click();
        wait.until(d -> !d.findElements(By.cssSelector("#recurring tr[data-job='every-second'] .pause-job")).isEmpty());
        String nextFire = browser.findElement(By.cssSelector("#recurring tr[data-job='every-second'] .next-fire")).getText();

        // when
        clickWhenReady(wait, By.cssSelector("#recurring .pause-job[data-job='every-second']"));
        wait.until(ExpectedConditions.attributeToBe(By.cssSelector("#recurring tr[data-job='every-second']"), "data-paused", "true"));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> JobsServiceFixture.list(service.get("/api/runs?job=every-second"))
                .stream().noneMatch(r -> JobRun.ACTIVE.contains(r.get("status"))));
        int runsWhenPaused = JobsServiceFixture.list(service.get("/api/runs?job=every-second")).size();
        Thread.sleep(3000);
        int runsAfterWaiting = JobsServiceFixture.list(service.get("/api/runs?job=every-second")).size();
        String pausedState = browser.findElement(By.cssSelector("#recurring tr[data-job='every-second'] .status")).getText();
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), Files.createDirectories(Path.of("target")).resolve("dashboard-recurring-paused.png"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        clickWhenReady(wait, By.cssSelector("#recurring .resume-job[data-job='every-second']"));
        wait.until(ExpectedConditions.attributeToBe(By.cssSelector("#recurring tr[data-job='every-second']"), "data-paused", "false"));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> JobsServiceFixture.list(service.get("/api/runs?job=every-second")).size() > runsAfterWaiting);
        service.delete("/api/jobs/every-second");

        // then
        assertThat(nextFire).isNotEqualTo("–");
        assertThat(pausedState).isEqualTo("paused");
        assertThat(runsAfterWaiting).isEqualTo(runsWhenPaused);
    }

    @Test
    @SuppressWarnings("unchecked")
    void should_create_a_migrate_job_from_the_form_with_model_entry_version_and_dry_run_and_run_it() throws Exception {
        // given
        WebDriverWait wait = signIn();
        boolean migrateFieldsBefore = browser.findElement(By.id("migrate-fields")).isDisplayed();

        // when
        browser.findElement(By.id("job-name")).sendKeys("browser-migrate");
        new Select(browser.findElement(By.id("job-type"))).selectByValue("migrate");
        boolean baseShown = browser.findElement(By.id("base-label")).isDisplayed();
        new Select(browser.findElement(By.id("job-target"))).selectByValue("staging");
        browser.findElement(By.id("job-model")).sendKeys("Hotel");
        browser.findElement(By.id("job-to")).sendKeys("1.1.0");
        browser.findElement(By.id("job-dry-run")).click();
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Path screenshot = Files.createDirectories(Path.of("target")).resolve("dashboard-migrate-form.png");
        Files.copy(shot.toPath(), screenshot, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        browser.findElement(By.id("job-create")).click();
        clickWhenReady(wait, By.cssSelector(".run-now[data-job='browser-migrate']"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("run-details")));
        wait.until(ExpectedConditions.textToBe(By.id("run-status"), "SUCCEEDED"));
        String row = browser.findElement(By.cssSelector("#jobs tr[data-job='browser-migrate']")).getText();
        Map<String, Object> job = JobsServiceFixture.list(service.get("/api/jobs")).stream()
                .filter(j -> "browser-migrate".equals(j.get("name"))).findFirst().orElseThrow();

        // then
        assertThat(migrateFieldsBefore).as("migration fields shown for a sync job").isFalse();
        assertThat(baseShown).as("base shown for a migrate job").isFalse();
        assertThat(row).startsWith("browser-migrate (migrate) staging → staging");
        assertThat(job).containsEntry("type", "migrate").containsEntry("target", "staging");
        assertThat((Map<String, Object>) job.get("options")).containsEntry("model", "Hotel").containsEntry("to", "1.1.0")
                .containsEntry("dryRun", true).doesNotContainKey("id");
        assertThat(screenshot).isNotEmptyFile();
    }

    @Test
    void should_create_and_run_a_backup_and_a_restore_job_from_the_form() throws Exception {
        // given
        WebDriverWait wait = signIn();

        // when: a backup of production into the profile ui-backup
        browser.findElement(By.id("job-name")).sendKeys("ui-backup");
        new Select(browser.findElement(By.id("job-type"))).selectByValue("backup");
        Map<String, Boolean> backupForm = Map.of("base", browser.findElement(By.id("base-label")).isDisplayed(),
                "profile", browser.findElement(By.id("profile-label")).isDisplayed(),
                "snapshot", browser.findElement(By.id("snapshot-label")).isDisplayed(),
                "mirror", browser.findElement(By.id("mirror-label")).isDisplayed());
        String stageCaption = browser.findElement(By.id("target-caption")).getText();
        new Select(browser.findElement(By.id("job-target"))).selectByValue("production");
        browser.findElement(By.id("job-profile")).sendKeys("ui-backup");
        browser.findElement(By.id("job-create")).click();
        clickWhenReady(wait, By.cssSelector(".run-now[data-job='ui-backup']"));
        wait.until(ExpectedConditions.attributeToBe(By.cssSelector(".task[data-task='snapshot']"), "data-progress", "100"));
        wait.until(ExpectedConditions.textToBe(By.id("run-status"), "SUCCEEDED"));
        String backupRow = browser.findElement(By.cssSelector("#jobs tr[data-job='ui-backup']")).getText();
        String backupRun = browser.findElement(By.id("run-details")).getAttribute("data-run");
        String backupReport = wait.until(d -> d.findElement(By.id("report-assets")).getText().startsWith("Snapshot")
                ? d.findElement(By.id("report-assets")).getText() : null);
        File backupShot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(backupShot.toPath(), Files.createDirectories(Path.of("target")).resolve("dashboard-backup-run.png"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        // and a restore of its latest snapshot into the stage restored
        browser.findElement(By.id("job-name")).sendKeys("ui-restore");
        new Select(browser.findElement(By.id("job-type"))).selectByValue("restore");
        boolean restoreFields = browser.findElement(By.id("snapshot-label")).isDisplayed() && browser.findElement(By.id("models-label")).isDisplayed();
        new Select(browser.findElement(By.id("job-target"))).selectByValue("restored");
        browser.findElement(By.id("job-profile")).sendKeys("ui-backup");
        browser.findElement(By.id("job-snapshot")).sendKeys("latest");
        // a caption that wrapped away from its field makes its label two lines high
        Map<String, Integer> labelLines = new java.util.TreeMap<>();
        for (org.openqa.selenium.WebElement label : browser.findElements(By.cssSelector("#job-form label"))) {
            java.util.List<org.openqa.selenium.WebElement> fields = label.findElements(By.cssSelector("input:not([type=checkbox]), select"));
            if (label.isDisplayed() && !fields.isEmpty()) {
                labelLines.put(label.getText().split("\n")[0].trim(), (int) Math.round((double) label.getRect().getHeight()
                        / fields.get(0).getRect().getHeight()));
            }
        }
        File form = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(form.toPath(), Files.createDirectories(Path.of("target")).resolve("dashboard-restore-form.png"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        browser.findElement(By.id("job-create")).click();
        clickWhenReady(wait, By.cssSelector(".run-now[data-job='ui-restore']"));
        wait.until(d -> !backupRun.equals(d.findElement(By.id("run-details")).getAttribute("data-run"))
                && java.util.List.of("SUCCEEDED", "PARTIAL", "FAILED").contains(d.findElement(By.id("run-status")).getText()));
        assertThat(browser.findElement(By.id("run-status")).getText()).as("restore run: %s; runs %s", browser.findElement(By.id("run-message")).getText(),
                service.get("/api/runs?job=ui-restore").body()).isEqualTo("SUCCEEDED");
        wait.until(ExpectedConditions.attributeToBe(By.cssSelector(".task[data-task='verify']"), "data-status", "SUCCEEDED"));
        wait.until(ExpectedConditions.attributeToBe(By.cssSelector(".task[data-task='entries']"), "data-progress", "100"));
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Path screenshot = Path.of("target", "dashboard-restore-run.png");
        Files.copy(shot.toPath(), screenshot, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        // then
        assertThat(backupForm).containsEntry("base", false).containsEntry("profile", true).containsEntry("snapshot", false)
                .containsEntry("mirror", false);
        assertThat(stageCaption).isEqualTo("Stage");
        assertThat(backupRow).contains("production → profile ui-backup");
        assertThat(restoreFields).isTrue();
        assertThat(labelLines).as("form labels and their fields on one line").containsKeys("Profile", "Snapshot", "Models")
                .allSatisfy((caption, lines) -> assertThat(lines).as(caption).isEqualTo(1));
        assertThat(backupReport).startsWith("Snapshot ui-backup/").contains("4 assets").contains("objects");
        assertThat(JobsServiceFixture.list(service.get("/api/jobs")).stream().filter(j -> "ui-restore".equals(j.get("name"))).findFirst()
                .orElseThrow()).containsEntry("type", "restore")
                .containsEntry("base", "backup:ui-backup").containsEntry("target", "restored");
        assertThat(screenshot).isNotEmptyFile();
    }

    /** Opens the dashboard and enters the token; the wait ignores elements the page replaced while it polls. */
    private WebDriverWait signIn() {
        // the page re-renders the run while it is polled: an element found just before may be replaced
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(90));
        wait.ignoring(StaleElementReferenceException.class);
        browser.get(service.url("/"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token-input"))).sendKeys(JobsServiceFixture.TOKEN);
        browser.findElement(By.id("token-save")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("job-form")));
        wait.until(d -> new Select(d.findElement(By.id("job-target"))).getOptions().size() == 3);
        return wait;
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
