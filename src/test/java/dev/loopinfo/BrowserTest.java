package dev.loopinfo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.selenium.AxeBuilder;

import io.micrometer.core.instrument.MeterRegistry;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.loopinfo.support.AppProcess;
import dev.loopinfo.support.Pages;
import dev.loopinfo.support.RawHttp;
import dev.loopinfo.support.RealTool;
import dev.loopinfo.support.ServerTest;

/**
 * Every page in a real browser: Debian's headless Chromium, driven through Debian's
 * ChromeDriver (given explicitly, so nothing is downloaded), against the running
 * application. After each test the browser console must hold no error and no request may
 * have left localhost. Screenshots go to {@code target/screenshots/}.
 */
@ServerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static final Pattern REQUESTED_URL = Pattern
        .compile("\"method\":\"Network\\.requestWillBeSent\".*?\"url\":\"([^\"]+)\"");

    private static final String NO_SIDEWAYS_SCROLL = "return document.documentElement.scrollWidth <= document.documentElement.clientWidth";

    /** Whether a scrolling element shows its last line, as pipeline.js decides it. */
    private static final String AT_NEWEST = "const t = arguments[0]; return t.scrollHeight - t.scrollTop - t.clientHeight < 8";

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    private ChromeDriver browser;

    private Path profile;

    @BeforeAll
    void startBrowser() throws IOException {
        Path chromium = RealTool.require("chromium", "chromium");
        Path chromedriver = RealTool.require("chromedriver", "chromium-driver");
        profile = Files.createTempDirectory("loopinfo-chromium");
        browser = chrome(chromium, chromedriver, profile, true);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void forgetEarlierLogs() {
        browser.manage().logs().get(LogType.BROWSER);
        browser.manage().logs().get(LogType.PERFORMANCE);
    }

    @AfterEach
    void noConsoleErrorsAndNothingLeftLocalhost() {
        assertConsoleClean(browser);
        assertOnlyLocalRequests(browser);
    }

    @Test
    void theIndexShowsItsHeadingAndTheServingEventLoop() {
        open("/");

        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Index");
        assertThat(browser.getTitle()).isEqualTo("Index · loopinfo");
        assertThat(browser.findElement(By.cssSelector("dl.facts code")).getText()).matches(Pages.EVENT_LOOP_THREAD);
        assertThat(assertOnlyLocalRequests(browser)).as("the watch on requests sees the page itself")
            .contains("http://localhost:" + port + "/");
        screenshot("index");
    }

    @Test
    void theGreetingFormRoundTripsANonAsciiName() {
        open("/");
        greet(browser, "José 张三 😀");

        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.titleContains("Hello"));
        assertThat(browser.getCurrentUrl()).endsWith("/hello/Jos%C3%A9%20%E5%BC%A0%E4%B8%89%20%F0%9F%98%80");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Hello, José 张三 😀!");
        screenshot("greeting");
    }

    @Test
    void aScriptInANameIsShownAsText() {
        open("/");
        greet(browser, "<script>alert(1)</script>");

        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.titleContains("Hello"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Hello, <script>alert(1)</script>!");
        assertThat(browser.findElements(By.cssSelector("main script"))).isEmpty();
        assertThat(noAlert()).isTrue();
    }

    @Test
    void anEmptyNameIsRefusedWithTheRule() {
        open("/hello?name=%20");

        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("400 Bad Request");
        assertThat(browser.findElement(By.className("problem")).getText()).contains("A name is 1 to 64 characters");
        // The page is refused with 400 on purpose; that console line is expected.
        browser.manage().logs().get(LogType.BROWSER);
        screenshot("bad-request");
    }

    @Test
    void twoCoroutinesPrintTogetherOnOneThread() {
        List<List<String>> rows = runLesson("interleave", 4);

        assertThat(rows).extracting(row -> row.get(1) + ": " + row.get(2))
            .containsExactly("hello 1: Hello World!", "hello 2: Hello World!", "hello 1: Hello Again!",
                    "hello 2: Hello Again!");
        assertThat(rows.subList(0, 2)).allMatch(row -> Long.parseLong(row.get(0)) < 500);
        assertThat(rows.subList(2, 4)).allMatch(row -> Long.parseLong(row.get(0)) >= 1000);
        assertThat(rows).extracting(row -> row.get(3)).containsOnly(rows.get(0).get(3));
        assertThat(browser.findElement(By.id("total")).getText())
            .matches("Total: 1\\d\\d\\d ms on 1 thread \\(.+\\)\\.");
        // The timeline: one bar per task, each thread named once, and the two waits over
        // the same second.
        Map<String, Bar> bars = timeline();
        assertThat(bars.keySet()).containsExactly("hello 1", "hello 2");
        assertThat(bars.values()).extracting(Bar::thread).containsOnly(rows.get(0).get(3));
        assertThat(bars.get("hello 1").overlaps(bars.get("hello 2"))).isTrue();
        screenshot("lesson-interleave");
    }

    @Test
    void theBlockingPairTakesTwiceTheTimerPairsTime() {
        List<List<String>> rows = runLesson("blocking", 8);

        List<List<String>> timer = rows.stream().filter(row -> row.get(1).startsWith("timer ")).toList();
        List<List<String>> blocking = rows.stream().filter(row -> row.get(1).startsWith("blocking ")).toList();
        assertThat(timer).hasSize(4).extracting(row -> row.get(3)).allMatch(thread -> thread.contains("-http-"));
        assertThat(blocking).hasSize(4)
            .extracting(row -> row.get(3))
            .allMatch(thread -> thread.startsWith("lesson-blocking-"));
        long timerDone = Long.parseLong(timer.get(3).get(0));
        long blockingDone = Long.parseLong(blocking.get(3).get(0));
        assertThat(timerDone).isBetween(1000L, 1999L);
        assertThat(blockingDone).isGreaterThanOrEqualTo(2000L).isGreaterThan(timerDone + 500);
        assertThat(browser.findElement(By.id("total")).getText())
            .matches("Total: 2\\d\\d\\d ms on 2 threads \\(.+\\)\\.");
        // Side by side on one scale: the timers wait together, the second blocking hello
        // only after the first.
        Map<String, Bar> bars = timeline();
        assertThat(bars.keySet()).containsExactlyInAnyOrder("timer 1", "timer 2", "blocking 1", "blocking 2");
        assertThat(bars.get("timer 1").overlaps(bars.get("timer 2"))).isTrue();
        assertThat(bars.get("blocking 1").overlaps(bars.get("blocking 2"))).isFalse();
        assertThat(bars.get("blocking 2").end()).isGreaterThan(bars.get("timer 2").end() * 1.5);
        // Each mark of the scale stands where its time falls on the bars.
        assertThat(script("""
                const bar = document.querySelector('#tasks svg').getBoundingClientRect();
                const ticks = Array.from(document.querySelectorAll('#ticks .tick'));
                const end = parseInt(ticks[ticks.length - 1].textContent, 10);
                return ticks.length > 2 && ticks.slice(1, -1).every(function (tick) {
                  const mark = tick.getBoundingClientRect();
                  const at = bar.left + parseInt(tick.textContent, 10) / end * bar.width;
                  return Math.abs((mark.left + mark.right) / 2 - at) < 2;
                });""")).isTrue();
        screenshot("lesson-blocking");
    }

    @Test
    void runItAgainKeepsTheKeyboardFocusOnTheLesson() {
        finishLesson("hello-world");
        WebElement again = browser.findElement(By.id("again"));
        again.sendKeys(Keys.ENTER);

        assertThat(browser.switchTo().activeElement().getAttribute("id")).as("while it runs")
            .isEqualTo("lesson-status");
        new WebDriverWait(browser, Duration.ofSeconds(15))
            .until(ExpectedConditions.textToBe(By.id("lesson-status"), "Finished."));
        assertThat(browser.switchTo().activeElement().getAttribute("id")).as("once it has run").isEqualTo("again");
    }

    @ParameterizedTest
    @CsvSource({ "/loops, /loops", "/pipeline, /pipeline", "/lessons, /lessons", "/lessons/blocking, /lessons",
            "/, ''" })
    void theMenuMarksTheCurrentPage(String path, String current) {
        open(path);
        List<String> marked = browser.findElements(By.cssSelector("header.site nav a[aria-current=page]"))
            .stream()
            .map(link -> link.getAttribute("pathname"))
            .toList();
        assertThat(marked).isEqualTo(current.isEmpty() ? List.of() : List.of(current));
    }

    @Test
    void helloThenASecondLaterWorld() {
        List<List<String>> rows = runLesson("hello-world", 2);

        assertThat(rows).extracting(row -> row.get(1) + ": " + row.get(2))
            .containsExactly("main: hello", "main: world");
        assertThat(Long.parseLong(rows.get(1).get(0)) - Long.parseLong(rows.get(0).get(0)))
            .isGreaterThanOrEqualTo(1000);
        screenshot("lesson-hello-world");
    }

    @Test
    void theProducerConsumerTranscriptLineByLine() {
        List<List<String>> rows = runLesson("producer-consumer", 15);

        assertThat(rows).extracting(row -> row.get(2))
            .startsWith("[PRODUCER] Producing 1...", "[CONSUMER] Consuming 1...", "[PRODUCER] Consumer return: 200 OK",
                    "[PRODUCER] Producing 2...")
            .endsWith("[PRODUCER] Consumer return: 200 OK");
        assertThat(rows).extracting(row -> Long.parseLong(row.get(0))).isSorted();
        assertThat(Long.parseLong(rows.get(14).get(0))).isGreaterThanOrEqualTo(14 * 200);
        screenshot("lesson-producer-consumer");
    }

    @Test
    void theLessonsPageListsThemAll() {
        open("/lessons");

        assertThat(browser.findElements(By.cssSelector("ul.lessons h2 a"))).extracting(WebElement::getText)
            .containsExactly("Two coroutines, one thread", "async and await", "Producer and consumer",
                    "What blocking costs");
        screenshot("lessons");
    }

    @Test
    void thePipelineCountersRiseWhileWatched() {
        open("/pipeline");
        new WebDriverWait(browser, Duration.ofSeconds(10))
            .until(ExpectedConditions.textToBe(By.id("connection"), "Live"));
        long first = produced();

        new WebDriverWait(browser, Duration.ofSeconds(15)).until(driver -> produced() >= first + 2);

        assertThat(browser.findElements(By.cssSelector("#transcript li"))).last()
            .satisfies(line -> assertThat(line.getText()).matches("\\[(PRODUCER|CONSUMER)\\] .+"));
        assertThat(browser.findElement(By.id("state")).getText()).isEqualTo("RUNNING");
        screenshot("pipeline");
    }

    @Test
    void aLiveViewSaysWhenItIsStaleAndWhenItIsLiveAgainAfterARestart() throws Exception {
        int appPort = freePort();
        int managementPort = freePort();
        AppProcess app = AppProcess.startOn(appPort, managementPort);
        try {
            browser.get("http://localhost:" + appPort + "/pipeline");
            new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.textToBe(By.id("connection"), "Live"));
            assertThat(browser.findElements(By.cssSelector("[data-live].stale"))).isEmpty();

            app.sigterm();
            assertThat(app.exited(Duration.ofSeconds(30))).isTrue();
            new WebDriverWait(browser, Duration.ofSeconds(2)).until(ExpectedConditions.textMatches(By.id("connection"),
                    Pattern.compile("^Reconnecting… figures from \\d\\d:\\d\\d:\\d\\d$")));
            assertThat(browser.findElements(By.cssSelector("[data-live]"))).hasSize(4)
                .allSatisfy(shown -> assertThat(shown.getAttribute("class")).contains("stale"));
            screenshot("pipeline-reconnecting");

            app = AppProcess.startOn(appPort, managementPort);
            new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.textMatches(By.id("connection"),
                    Pattern.compile("^Live again: the server restarted at \\d\\d:\\d\\d:\\d\\d$")));
            assertThat(browser.findElements(By.cssSelector("[data-live].stale"))).isEmpty();
            assertThat(browser.findElements(By.cssSelector("#transcript li.mark")))
                .anySatisfy(mark -> assertThat(mark.getText()).contains("the server restarted"));
        }
        finally {
            browser.get("about:blank");
            app.close();
            // The browser logs each refused reconnection while the server was away, and
            // nothing else may be there.
            assertThat(browser.manage().logs().get(LogType.BROWSER).getAll())
                .filteredOn(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .allSatisfy(
                        entry -> assertThat(entry.getMessage()).contains("/pipeline/events", "ERR_CONNECTION_REFUSED"));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void theLoopsViewCountsNewConnectionsWhileWatched() throws IOException {
        open("/loops");
        new WebDriverWait(browser, Duration.ofSeconds(10))
            .until(ExpectedConditions.textToBe(By.id("connection"), "Live"));
        assertThat(browser.findElements(By.cssSelector("li.loop"))).isNotEmpty().allSatisfy(card -> {
            // A fresh application's first requests load classes on the loops: some may
            // show a block in the minute.
            assertThat(card.findElement(By.cssSelector("[data-figure=state]")).getText()).isIn("Healthy",
                    "Blocked in the last minute", "Blocked now");
            assertThat(card.findElement(By.tagName("polyline")).getAttribute("points").split(" ")).hasSize(60);
        });
        long before = shownConnections();

        List<Socket> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                Socket client = RawHttp.open(port);
                clients.add(client);
                RawHttp.send(client, "GET /favicon.svg HTTP/1.1\r\nHost: localhost\r\n\r\n");
            }
            // Other clients' idle connections may close meanwhile: the page must come to
            // show the server's count.
            new WebDriverWait(browser, Duration.ofSeconds(10)).until(driver -> {
                long shown = shownConnections();
                return shown != before && shown == openConnections();
            });
            assertThat(openConnections()).as("the server's count, with the four sockets still open")
                .isGreaterThanOrEqualTo(4);
            // Redrawn live across the chart's whole width: 60 seconds, the last at the
            // right edge.
            assertThat(browser.findElements(By.tagName("polyline")))
                .allSatisfy(line -> assertThat(List.of(line.getAttribute("points").split(" "))).hasSize(60)
                    .last()
                    .asString()
                    .startsWith("118.0,"));
            screenshot("loops");
        }
        finally {
            for (Socket client : clients) {
                client.close();
            }
        }
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(driver -> shownConnections() <= before);
    }

    /** The app port's open connections, as the server counts them. */
    private long openConnections() {
        return (long) meters.get("reactor.netty.http.server.connections.total").gauge().value();
    }

    /** The connections the loops' page shows, all loops together. */
    private long shownConnections() {
        return browser.findElements(By.cssSelector("[data-figure=openConnections]"))
            .stream()
            .mapToLong(figure -> Long.parseLong(figure.getText().replace(",", "")))
            .sum();
    }

    @Test
    void theTranscriptFollowsTheNewestLineUntilTheReaderScrollsUp() {
        open("/pipeline");
        WebElement transcript = browser.findElement(By.id("transcript"));
        WebElement newest = browser.findElement(By.id("newest"));
        new WebDriverWait(browser, Duration.ofSeconds(40))
            .until(driver -> script("return arguments[0].scrollHeight > arguments[0].clientHeight + 50", transcript));
        WebElement last = lastLine();
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(driver -> !lastLine().equals(last));
        assertThat(script(AT_NEWEST, transcript)).as("following the newest line").isTrue();
        assertThat(newest.isDisplayed()).isFalse();

        browser.executeScript("arguments[0].scrollTop = 0", transcript);
        WebElement read = lastLine();
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(driver -> !lastLine().equals(read));
        assertThat(((Number) browser.executeScript("return arguments[0].scrollTop", transcript)).intValue())
            .as("left where the reader scrolled")
            .isZero();
        assertThat(newest.isDisplayed()).isTrue();

        newest.click();
        assertThat(script(AT_NEWEST, transcript)).as("back at the newest line").isTrue();
        assertThat(newest.isDisplayed()).isFalse();
        assertThat(browser.switchTo().activeElement()).as("the transcript, for the keyboard").isEqualTo(transcript);
    }

    @Test
    void noPageScrollsSidewaysOnAPhone() {
        Dimension desktop = browser.manage().window().getSize();
        browser.manage().window().setSize(new Dimension(390, 844));
        try {
            for (String path : List.of("/", "/hello/" + "Maximiliano Alessandro Bartholomew".replace(" ", "%20"),
                    "/lessons", "/pipeline", "/loops", "/headers", "/delay/0", "/status/200")) {
                open(path);
                assertThat(script(NO_SIDEWAYS_SCROLL)).as("%s at 390 px", path).isTrue();
            }
            for (String lesson : List.of("interleave", "hello-world", "producer-consumer", "blocking")) {
                finishLesson(lesson);
                assertThat(script(NO_SIDEWAYS_SCROLL)).as("lesson %s at 390 px", lesson).isTrue();
            }
            screenshot("phone-lesson");
            // Header values get the screen's width, not what a long header name leaves
            // beside it.
            open("/headers");
            assertThat(browser.findElements(By.cssSelector("dl.facts dd"))).isNotEmpty()
                .allSatisfy(value -> assertThat(value.getSize().getWidth()).isGreaterThan(300));
        }
        finally {
            browser.manage().window().setSize(desktop);
        }
    }

    @Test
    void noPageHasAnAccessibilityViolationOnAPhoneOrADesktopInLightOrDark() {
        Dimension desktop = browser.manage().window().getSize();
        List<String> violations = new ArrayList<>();
        try {
            // Each page is loaded (each lesson run) once, at desktop width, where the
            // last check left the window, and checked at both widths in both schemes: a
            // new width or an emulated scheme restyles the page in place (no script reads
            // either). The scheme changes colours only (the stylesheet's dark block sets
            // colour properties and nothing else), so the dark pass runs axe's colour
            // rules.
            for (String path : List.of("/", "/hello/Ada", "/lessons", "/pipeline", "/loops", "/headers", "/delay/0",
                    "/status/200", "/lessons/interleave", "/lessons/hello-world", "/lessons/producer-consumer",
                    "/lessons/blocking")) {
                if (path.startsWith("/lessons/")) {
                    finishLesson(path.substring("/lessons/".length()));
                }
                else {
                    open(path);
                }
                for (Dimension size : List.of(new Dimension(390, 844), desktop)) {
                    browser.manage().window().setSize(size);
                    for (String scheme : List.of("light", "dark")) {
                        browser.executeCdpCommand("Emulation.setEmulatedMedia",
                                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
                        violations.addAll(violations(path, size, scheme));
                        darkScreenshot(path.replace("/lessons/", "/lesson-"),
                                size.equals(desktop) && scheme.equals("dark"));
                    }
                }
            }
        }
        finally {
            browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
            browser.manage().window().setSize(desktop);
        }
        assertThat(violations).isEmpty();
    }

    /** axe-core's violations on the page open now, one line each: rule, impact, where. */
    private List<String> violations(String path, Dimension size, String scheme) {
        // The pages have no frames, so axe need not look for any.
        AxeBuilder axe = new AxeBuilder().disableIframeTesting();
        if (scheme.equals("dark")) {
            axe.withOnlyRules(List.of("color-contrast", "link-in-text-block"));
        }
        Results results = axe.analyze(browser);
        return results.getViolations()
            .stream()
            .map(rule -> path + " at " + size.getWidth() + " px, " + scheme + ": " + rule.getId() + " ("
                    + rule.getImpact() + ") "
                    + rule.getNodes().stream().map(node -> node.getTarget().toString()).toList())
            .toList();
    }

    @Test
    void theIndexAndTheGreetingWorkWithJavaScriptOff() throws IOException {
        Path noScriptProfile = Files.createTempDirectory("loopinfo-chromium-nojs");
        ChromeDriver noScript = chrome(RealTool.require("chromium", "chromium"),
                RealTool.require("chromedriver", "chromium-driver"), noScriptProfile, false);
        try {
            noScript.get("http://localhost:" + port + "/");
            assertThat(noScript.findElement(By.tagName("h1")).getText()).isEqualTo("Index");
            greet(noScript, "Ada");
            new WebDriverWait(noScript, Duration.ofSeconds(10)).until(ExpectedConditions.titleContains("Hello"));
            assertThat(noScript.findElement(By.tagName("h1")).getText()).isEqualTo("Hello, Ada!");
            assertConsoleClean(noScript);
            assertOnlyLocalRequests(noScript);
        }
        finally {
            noScript.quit();
        }
    }

    private List<List<String>> runLesson(String lesson, int lines) {
        finishLesson(lesson);
        List<List<String>> rows = new ArrayList<>();
        for (WebElement row : browser.findElements(By.cssSelector("#lines tr"))) {
            rows.add(row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList());
        }
        assertThat(rows).hasSize(lines);
        return rows;
    }

    /** A task's bar on a lesson's timeline, in the chart's units (0 to 1000 across). */
    private record Bar(String thread, double start, double end) {

        boolean overlaps(Bar other) {
            return start < other.end && other.start < end;
        }
    }

    private Map<String, Bar> timeline() {
        @SuppressWarnings("unchecked")
        List<List<Object>> rows = (List<List<Object>>) browser.executeScript("""
                return Array.from(document.querySelectorAll('#tasks li')).map(function (row) {
                  const wait = row.querySelector('rect.wait');
                  const x = Number(wait.getAttribute('x'));
                  return [row.querySelector('.task').firstChild.textContent, row.querySelector('.thread').textContent,
                      x, x + Number(wait.getAttribute('width'))];
                });""");
        Map<String, Bar> bars = new LinkedHashMap<>();
        rows.forEach(row -> bars.put((String) row.get(0), new Bar((String) row.get(1),
                ((Number) row.get(2)).doubleValue(), ((Number) row.get(3)).doubleValue())));
        return bars;
    }

    private void finishLesson(String lesson) {
        open("/lessons/" + lesson);
        new WebDriverWait(browser, Duration.ofSeconds(15))
            .until(ExpectedConditions.textToBe(By.id("lesson-status"), "Finished."));
    }

    private boolean script(String script, Object... arguments) {
        return Boolean.TRUE.equals(browser.executeScript(script, arguments));
    }

    /**
     * The transcript's last line as an element: lines repeat their text, so only a new
     * element is a new line.
     */
    private WebElement lastLine() {
        return browser.findElement(By.cssSelector("#transcript li:last-child"));
    }

    private long produced() {
        return Long.parseLong(browser.findElement(By.id("produced")).getText());
    }

    private void open(String path) {
        browser.get("http://localhost:" + port + path);
    }

    private static void greet(ChromeDriver driver, String name) {
        WebElement field = driver.findElement(By.id("name"));
        field.clear();
        field.sendKeys(name);
        driver.findElement(By.cssSelector("form.greet button")).click();
    }

    private boolean noAlert() {
        try {
            browser.switchTo().alert();
            return false;
        }
        catch (NoAlertPresentException none) {
            return true;
        }
    }

    /**
     * Each page in the dark theme at desktop width, as {@code index-dark.png},
     * {@code loops-dark.png}, …
     */
    private void darkScreenshot(String path, boolean taken) {
        if (taken) {
            screenshot((path.equals("/") ? "index" : path.substring(1).replace('/', '-')) + "-dark");
        }
    }

    private void screenshot(String name) {
        File shot = browser.getScreenshotAs(OutputType.FILE);
        try {
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        }
        catch (IOException ex) {
            throw new AssertionError("Cannot save the screenshot " + name, ex);
        }
    }

    private static void assertConsoleClean(ChromeDriver driver) {
        List<String> errors = driver.manage()
            .logs()
            .get(LogType.BROWSER)
            .getAll()
            .stream()
            .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
            .map(LogEntry::getMessage)
            .toList();
        assertThat(errors).as("browser console errors").isEmpty();
    }

    /** Asserts, and returns, the URLs the browser requested since the last look. */
    private List<String> assertOnlyLocalRequests(ChromeDriver driver) {
        List<String> urls = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
            Matcher request = REQUESTED_URL.matcher(entry.getMessage());
            if (request.find()) {
                urls.add(request.group(1));
            }
        }
        // Chromium's own pages (chrome://new-tab-page…) are internal, not requests to
        // anywhere.
        assertThat(urls).allSatisfy(
                url -> assertThat(url).matches("(http://localhost:\\d+/.*|data:.*|about:.*|chrome(-untrusted)?://.*)"));
        return urls;
    }

    private static ChromeDriver chrome(Path chromium, Path chromedriver, Path profile, boolean javaScript) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--window-size=1000,1100", "--user-data-dir=" + profile);
        if (!javaScript) {
            options.setExperimentalOption("prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
        }
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
            .usingAnyFreePort()
            .build();
        return new ChromeDriver(service, options);
    }

}
