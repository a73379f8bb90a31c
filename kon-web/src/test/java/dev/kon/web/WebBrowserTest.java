package dev.kon.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The pages in a real browser (headless Chromium) on a local cloud with workers: what a user sees. Each test saves a
 * screenshot under target/screenshots.
 */
@Tag("slow")
@Timeout(240)
class WebBrowserTest {
    private static WebRig rig;
    private static ChromeDriver browser;
    @TempDir
    Path dir;
    private String shot;

    @BeforeAll
    static void start() {
        rig = WebRig.start(2, WebConfig.defaults().withPort(0));
        browser = Browser.start();
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            rig.close();
        }
    }

    @BeforeEach
    void name(TestInfo info) {
        shot = info.getTestMethod().orElseThrow().getName();
    }

    @AfterEach
    void screenshot() throws Exception {
        Browser.screenshot(browser, shot);
    }

    private void open(String page) {
        browser.get("http://127.0.0.1:" + rig.web.port() + page);
    }

    private WebDriverWait await(int seconds) {
        // The dashboard rebuilds its tables every second: an element found may be replaced before it is read.
        return (WebDriverWait) new WebDriverWait(browser, Duration.ofSeconds(seconds), Duration.ofMillis(100))
                .ignoring(StaleElementReferenceException.class);
    }

    @Test
    void dashboard_whileARunRuns_showsItsProgressMoving() throws Exception {
        var r = rig.post("/api/submit?name=moving.txt", "sleep 150\n".repeat(60).getBytes(StandardCharsets.UTF_8));
        String run = r.body().replaceAll(".*\"run\":\"([^\"]+)\".*", "$1");
        open("/");

        By done = By.cssSelector("tr[data-run='" + run + "'] td.done");
        List<Integer> seen = new ArrayList<>();
        await(60).until(d -> {
            List<WebElement> cells = d.findElements(done);
            if (cells.isEmpty()) {
                return false;
            }
            int n = Integer.parseInt(cells.get(0).getText().split(" / ")[0]);
            if (seen.isEmpty() || seen.get(seen.size() - 1) != n) {
                seen.add(n);
            }
            // Progress seen in at least two steps strictly between none and all: it moved on the page.
            return seen.stream().filter(x -> x > 0 && x < 60).distinct().count() >= 2;
        });
        assertThat(seen).isSorted();
        await(60).until(d -> d.findElement(done).getText().equals("60 / 60"));
        assertThat(browser.findElement(By.id("queue-chart")).findElements(By.tagName("polyline"))).hasSize(4);
    }

    @Test
    void cal_withNumbers_showsTheRightAnswer() {
        open("/cal.html");
        browser.findElement(By.id("cal-numbers")).sendKeys("4\n8\n15\n16\n23\n42");
        browser.findElement(By.id("cal-send")).click();

        await(60).until(d -> !d.findElements(By.id("cal-median")).isEmpty());
        assertThat(browser.findElement(By.id("cal-median")).getText()).isEqualTo("15.5");
        assertThat(browser.findElement(By.id("cal-average")).getText()).isEqualTo("18");
        assertThat(browser.findElement(By.id("cal-min")).getText()).isEqualTo("4");
        assertThat(browser.findElement(By.id("cal-max")).getText()).isEqualTo("42");
        assertThat(browser.findElement(By.id("cal-log")).getText()).startsWith("logs/cloudcal/");
    }

    @Test
    void pic_withAJpeg_rendersBeforeAndTheEnhancedImageAtItsWidth() throws Exception {
        Path jpeg = dir.resolve("photo.jpg");
        Files.write(jpeg, WebApiTest.jpeg(320, 200));
        open("/pic.html");
        browser.findElement(By.id("pic-file")).sendKeys(jpeg.toAbsolutePath().toString());
        browser.findElement(By.id("pic-send")).click();

        await(90).until(d -> width("pic-after") > 0);
        assertThat(width("pic-after")).isEqualTo(320);
        assertThat(width("pic-before")).isEqualTo(320);
        assertThat(browser.findElement(By.id("pic-download")).getAttribute("href")).contains("download=1");
    }

    private long width(String id) {
        Object w = browser.executeScript("const i = document.getElementById(arguments[0]);"
                + " return i && i.complete ? i.naturalWidth : 0;", id);
        return ((Number) w).longValue();
    }

    @Test
    void animoto_sampleJob_playsAVideoOfSixtySeconds() {
        open("/animoto.html");
        var jobs = browser.findElement(By.id("anim-jobs"));
        jobs.clear();
        jobs.sendKeys("1");
        browser.findElement(By.id("anim-sample")).click();

        await(180).until(d -> !d.findElements(By.cssSelector("#anim-videos video")).isEmpty());
        await(30).until(d -> ((Number) browser.executeScript(
                "return document.querySelector('#anim-videos video').readyState")).intValue() >= 1);
        double duration = ((Number) browser.executeScript(
                "return document.querySelector('#anim-videos video').duration")).doubleValue();
        assertThat(duration).isEqualTo(60.0);
        assertThat(browser.findElement(By.cssSelector("#anim-videos .expiry")).getText()).startsWith("URL valid until");
    }

    @Test
    void submit_withABadLineHoldingAScript_listsTheLineAsText() throws Exception {
        Path workload = dir.resolve("bad.txt");
        Files.writeString(workload, "sleep 10\nsleep <script>alert(1)</script>\n");
        open("/submit.html");
        browser.findElement(By.id("submit-file")).sendKeys(workload.toAbsolutePath().toString());
        browser.findElement(By.id("submit-send")).click();

        await(30).until(d -> !d.findElements(By.cssSelector("#submit-error-list li")).isEmpty());
        assertThat(browser.findElement(By.cssSelector("#submit-error .error")).getText()).contains("bad.txt: 1 bad line");
        WebElement line = browser.findElement(By.cssSelector("#submit-error-list li"));
        assertThat(line.getText()).isEqualTo("bad.txt:2: sleep takes a whole number of milliseconds, got "
                + "'<script>alert(1)</script>'");
        assertThat(line.findElements(By.xpath("./*"))).as("the script shows as text, not as an element").isEmpty();
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    }

    @Test
    void run_withAFailedTaskHoldingAScript_listsItAsTextAndRetryOpensTheNewRun() throws Exception {
        String script = "<script>alert(1)</script>";
        String run = rig.sleepRun("5", script);
        open("/run.html?id=" + run);

        By row = By.cssSelector("#run-failures-body tr[data-line='2']");
        await(30).until(d -> !d.findElements(row).isEmpty());
        WebElement args = browser.findElement(row).findElement(By.cssSelector("td.args"));
        assertThat(args.getText()).isEqualTo(script);
        assertThat(args.findElements(By.xpath("./*"))).as("the script shows as text, not as an element").isEmpty();
        assertThat(browser.findElement(row).findElement(By.cssSelector("td.reason")).getText())
                .contains("whole number of milliseconds");
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        Browser.screenshot(browser, "run_failures");

        await(10).until(d -> d.findElement(By.id("run-retry")).isEnabled());
        browser.findElement(By.id("run-retry")).click();
        await(30).until(d -> !d.getCurrentUrl().endsWith("id=" + run)
                && !d.findElements(By.id("run-retry-of")).isEmpty());
        assertThat(browser.findElement(By.id("run-retry-of")).getText()).isEqualTo(run);
        await(60).until(d -> !d.findElements(row).isEmpty());
    }
}
