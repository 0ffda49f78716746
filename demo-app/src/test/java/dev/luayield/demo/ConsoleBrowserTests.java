package dev.luayield.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.luayield.demo.world.CreatureRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives the web console in a real headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}): types a script, runs it, and reads the rendered result, trace
 * and world. Runs when {@code LUAYIELD_TEST_BROWSER=true}, as {@code .ci/run} sets it
 * after installing the browser; then a missing browser fails the build.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EnabledIfEnvironmentVariable(named = "LUAYIELD_TEST_BROWSER", matches = "true")
class ConsoleBrowserTests {

	@LocalServerPort
	private int port;

	@Autowired
	private CreatureRepository creatures;

	private ChromeDriver browser;

	@BeforeEach
	void openBrowser() throws Exception {
		ChromeOptions options = new ChromeOptions();
		options.setBinary("/usr/bin/chromium");
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--window-size=1400,900", "--user-data-dir=" + Files.createTempDirectory("chromium"));
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
			.usingAnyFreePort()
			.build();
		this.browser = new ChromeDriver(service, options);
	}

	@AfterEach
	void closeBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void whenAScriptIsTypedAndRunThenResultTraceAndWorldAreShown() throws Exception {
		int hpBefore = this.creatures.findById(2L).orElseThrow().getHp();
		this.browser.get("http://localhost:" + this.port + "/index.html");
		WebDriverWait wait = new WebDriverWait(this.browser, Duration.ofSeconds(20));
		wait.until((driver) -> new Select(driver.findElement(By.id("scripts"))).getOptions().size() > 1);
		assertThat(new Select(this.browser.findElement(By.id("scripts"))).getOptions()).extracting(WebElement::getText)
			.contains("turn", "combat/on_hit", "ai/goblin");

		WebElement source = this.browser.findElement(By.id("source"));
		source.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
		source.sendKeys("local r = dice:roll(4)\nworld:damage(2, r)\nlog:write('typed in a browser')\n"
				+ "return { rolled = r, left = world:get_hp(2) }");
		this.browser.findElement(By.id("run")).click();
		wait.until((driver) -> "1".equals(driver.findElement(By.id("run")).getDomAttribute("data-runs")));

		String result = this.browser.findElement(By.id("result")).getText();
		assertThat(result).contains("\"rolled\":").contains("\"left\":");
		List<String> calls = this.browser.findElements(By.cssSelector("#trace tbody tr td:nth-child(2)"))
			.stream()
			.map(WebElement::getText)
			.toList();
		assertThat(calls).containsExactly("dice.roll", "world.damage", "log.write", "world.get_hp");
		String grubHp = this.browser.findElement(By.xpath("//table[@id='world']//tr[td[2]='Grub']/td[4]")).getText();
		int hpAfter = this.creatures.findById(2L).orElseThrow().getHp();
		assertThat(hpAfter).isLessThan(hpBefore);
		assertThat(grubHp).startsWith(hpAfter + "/");
		Files.write(Path.of("target", "console.png"), this.browser.getScreenshotAs(OutputType.BYTES));

		source.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
		source.sendKeys("return world:get_hp('nobody')");
		this.browser.findElement(By.id("run")).click();
		wait.until((driver) -> "2".equals(driver.findElement(By.id("run")).getDomAttribute("data-runs")));
		assertThat(this.browser.findElement(By.id("result")).getText())
			.contains("world.get_hp: arg 1: cannot convert \"nobody\" to Creature");
	}

	@Test
	void whenAScriptIsSavedThenItRunsByNameAndABrokenSaveKeepsItRunning() {
		this.browser.get("http://localhost:" + this.port + "/index.html");
		WebDriverWait wait = new WebDriverWait(this.browser, Duration.ofSeconds(20));
		wait.until((driver) -> new Select(driver.findElement(By.id("scripts"))).getOptions().size() > 1);
		WebElement source = this.browser.findElement(By.id("source"));
		WebElement name = this.browser.findElement(By.id("name"));
		name.sendKeys("console/browser");
		source.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
		source.sendKeys("return 'saved from a browser'");
		this.browser.findElement(By.id("save")).click();
		wait.until((driver) -> "1".equals(driver.findElement(By.id("save")).getDomAttribute("data-saves")));
		assertThat(this.browser.findElement(By.id("saved")).getText())
			.isEqualTo("saved console/browser to table lua_script");
		assertThat(new Select(this.browser.findElement(By.id("scripts"))).getOptions()).extracting(WebElement::getText)
			.contains("console/browser");
		this.browser.findElement(By.id("run-saved")).click();
		wait.until((driver) -> "1".equals(driver.findElement(By.id("run")).getDomAttribute("data-runs")));
		assertThat(this.browser.findElement(By.id("result")).getText()).isEqualTo("\"saved from a browser\"");

		source.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
		source.sendKeys("return 'broken' +");
		this.browser.findElement(By.id("save")).click();
		wait.until((driver) -> "2".equals(driver.findElement(By.id("save")).getDomAttribute("data-saves")));
		assertThat(this.browser.findElement(By.id("saved")).getText()).contains("console/browser.lua:1:")
			.contains("the previous version, if any, keeps running");
		this.browser.findElement(By.id("run-saved")).click();
		wait.until((driver) -> "2".equals(driver.findElement(By.id("run")).getDomAttribute("data-runs")));
		assertThat(this.browser.findElement(By.id("result")).getText()).isEqualTo("\"saved from a browser\"");
	}

}
