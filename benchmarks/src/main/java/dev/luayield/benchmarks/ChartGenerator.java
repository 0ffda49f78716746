package dev.luayield.benchmarks;

import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.google.gson.Gson;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Reads a JMH JSON result file, draws the cost of one Lua-to-Java call by each way of
 * calling into a PNG, and prints the summary tables of docs/performance.md (ratios to the
 * baselines of the same run) on standard output.
 * <p>
 * Usage: {@code ChartGenerator <jmh-result.json> <chart.png>}; the {@code chart} profile
 * of this module runs it.
 */
public final class ChartGenerator {

	private static final String E2E = "dev.luayield.benchmarks.EndToEndBenchmark.run";

	private static final String NO_LIMITS = "dev.luayield.benchmarks.NoLimitsBenchmark.run";

	private static final String BASE = "dev.luayield.benchmarks.BaselineBenchmark.";

	private static final String LIMITS_ON = "protected (LuaYield: defaults; baselines: JIT off + count hook)";

	private static final String LIMITS_OFF = "unprotected (JIT on, no limits)";

	private static final Map<String, String> BASELINES = baselines();

	private ChartGenerator() {
	}

	private static Map<String, String> baselines() {
		Map<String, String> baselines = new LinkedHashMap<>();
		baselines.put("LuaJava reflective", "luajavaReflective");
		baselines.put("LuaJava JFunction", "luajavaJFunction");
		baselines.put("protocol: string tag, HashMap", "protocolStringTag");
		baselines.put("protocol: small-integer tag, array", "protocolIntegerTag");
		baselines.put("floor: same on the JNI natives", "floorProtocolNatives");
		baselines.put("floor: empty resume/yield", "floorEmptyYield");
		return baselines;
	}

	public static void main(String[] args) throws IOException {
		if (args.length != 2) {
			System.err.println("usage: ChartGenerator <jmh-result.json> <chart.png>");
			System.exit(2);
		}
		Results results = new Results(Files.readString(Path.of(args[0])));
		// way of calling -> configuration -> ns per call
		Map<String, Map<String, Estimate>> perCall = new LinkedHashMap<>();
		perCall.put("LuaYield, int argument", Map.of(LIMITS_ON, results.slope(E2E, Map.of("argument", "int")),
				LIMITS_OFF, results.slope(NO_LIMITS, Map.of())));
		for (String argument : List.of("string", "record")) {
			perCall.put("LuaYield, " + argument + " argument",
					Map.of(LIMITS_ON, results.slope(E2E, Map.of("argument", argument))));
		}
		BASELINES.forEach((name, method) -> perCall.put(name,
				Map.of(LIMITS_ON, results.slope(BASE + method, Map.of("limits", "on")), LIMITS_OFF,
						results.slope(BASE + method, Map.of("limits", "off")))));
		perCall.put("LuaJ (pure Java, no limits)",
				Map.of(LIMITS_OFF, results.slope(BASE + "luaj", Map.of("limits", "off"))));
		draw(perCall, new File(args[1]));
		printTables(results, perCall);
	}

	private static void draw(Map<String, Map<String, Estimate>> perCall, File png) throws IOException {
		DefaultCategoryDataset dataset = new DefaultCategoryDataset();
		perCall.forEach((name, byConfiguration) -> {
			for (String configuration : List.of(LIMITS_ON, LIMITS_OFF)) {
				Estimate estimate = byConfiguration.get(configuration);
				dataset.addValue((estimate != null && !Double.isNaN(estimate.ns())) ? estimate.ns() : null,
						configuration, name);
			}
		});
		JFreeChart chart = new JFreeChart("Cost of one Lua \u2192 Java \u2192 Lua call",
				new Font("SansSerif", Font.BOLD, 18), new CategoryPlot(dataset, new CategoryAxis(),
						new NumberAxis("ns per call (lower is better)"), new HighlightingRenderer(dataset)),
				true);
		chart.addSubtitle(new TextTitle("slope between 0 and 100 calls per invocation, JMH average time, same run"));
		chart.setBackgroundPaint(Color.WHITE);
		CategoryPlot plot = chart.getCategoryPlot();
		plot.setOrientation(PlotOrientation.HORIZONTAL);
		plot.setBackgroundPaint(Color.WHITE);
		plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
		plot.getDomainAxis().setTickLabelFont(new Font("SansSerif", Font.PLAIN, 13));
		BarRenderer renderer = (BarRenderer) plot.getRenderer();
		renderer.setBarPainter(new StandardBarPainter());
		renderer.setShadowVisible(false);
		renderer.setDefaultPositiveItemLabelPosition(
				new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3, TextAnchor.CENTER_LEFT));
		renderer.setDefaultItemLabelGenerator(
				new StandardCategoryItemLabelGenerator("{2}", new java.text.DecimalFormat("0")));
		renderer.setDefaultItemLabelsVisible(true);
		renderer.setDefaultItemLabelFont(new Font("SansSerif", Font.PLAIN, 12));
		renderer.setItemMargin(0.05);
		ChartUtils.saveChartAsPNG(png, chart, 1000, 640);
	}

	/**
	 * Draws LuaYield's own bars in blue, the floors in light blue and the other baselines
	 * in grey; the unprotected bar of each pair in a lighter shade.
	 */
	private static final class HighlightingRenderer extends BarRenderer {

		private final DefaultCategoryDataset dataset;

		HighlightingRenderer(DefaultCategoryDataset dataset) {
			this.dataset = dataset;
		}

		@Override
		public Paint getItemPaint(int row, int column) {
			String name = (String) this.dataset.getColumnKey(column);
			Color color = name.startsWith("LuaYield") ? new Color(0x2E6DB4)
					: name.startsWith("floor") ? new Color(0x6F93BD) : new Color(0x7A7A7A);
			return (row == 0) ? color : lighter(color);
		}

		@Override
		public Paint getSeriesPaint(int series) {
			return (series == 0) ? new Color(0x2E6DB4) : lighter(new Color(0x2E6DB4));
		}

		private static Color lighter(Color color) {
			return new Color((color.getRed() + 2 * 255) / 3, (color.getGreen() + 2 * 255) / 3,
					(color.getBlue() + 2 * 255) / 3);
		}

	}

	private static void printTables(Results results, Map<String, Map<String, Estimate>> perCall) {
		System.out.println("| way of calling | ns per call, " + LIMITS_ON + " | LuaYield (int) is ... | ns per call, "
				+ LIMITS_OFF + " | LuaYield (int) is ... |");
		System.out.println("|---|---:|---|---:|---|");
		Map<String, Estimate> runner = perCall.get("LuaYield, int argument");
		perCall.forEach((name, byConfiguration) -> {
			StringBuilder line = new StringBuilder("| " + name + " |");
			for (String configuration : List.of(LIMITS_ON, LIMITS_OFF)) {
				Estimate estimate = byConfiguration.get(configuration);
				if (estimate == null) {
					line.append(" | |");
					continue;
				}
				line.append(String.format(Locale.ROOT, " %.1f ± %.1f | %s |", estimate.ns(), estimate.error(),
						compare(name, estimate, runner.get(configuration))));
			}
			System.out.println(line);
		});
		System.out.println();
		System.out.println("| benchmark | params | score | unit |");
		System.out.println("|---|---|---:|---|");
		for (Map<String, Object> row : results.rows) {
			String name = ((String) row.get("benchmark")).replace("dev.luayield.benchmarks.", "");
			Object params = row.get("params");
			System.out.printf(Locale.ROOT, "| %s | %s | %.1f | %s |%n", name, (params != null) ? params : "",
					Results.score(row), Results.unit(row));
		}
	}

	/**
	 * The ratio of two per-call costs, with the range it spans when each cost may lie
	 * anywhere within its error.
	 */
	private static String compare(String name, Estimate other, Estimate runner) {
		if (name.startsWith("LuaYield")) {
			return name.contains("int") ? ""
					: String.format(Locale.ROOT, "(%.2f\u00d7 the int call)", other.ns() / runner.ns());
		}
		boolean cheaper = other.ns() >= runner.ns();
		Estimate dear = cheaper ? other : runner;
		Estimate cheap = cheaper ? runner : other;
		return String.format(Locale.ROOT, "%.2f\u00d7 %s (%.2f\u2013%.2f)", dear.ns() / cheap.ns(),
				cheaper ? "cheaper" : "dearer", (dear.ns() - dear.error()) / (cheap.ns() + cheap.error()),
				(dear.ns() + dear.error()) / Math.max(cheap.ns() - cheap.error(), 1e-9));
	}

	/**
	 * A cost in ns and its error: the half-width of JMH's 99.9% confidence interval.
	 */
	record Estimate(double ns, double error) {
	}

	/**
	 * The rows of a JMH JSON result file.
	 */
	static final class Results {

		final List<Map<String, Object>> rows;

		@SuppressWarnings("unchecked")
		Results(String json) {
			this.rows = new Gson().fromJson(json, List.class);
		}

		/**
		 * The cost of one call: the score at 100 calls less the score at 0, over 100,
		 * with the two scores' errors added in quadrature.
		 */
		Estimate slope(String benchmark, Map<String, String> params) {
			Map<String, Object> none = row(benchmark, withCalls(params, "0"));
			Map<String, Object> hundred = row(benchmark, withCalls(params, "100"));
			if (none == null || hundred == null) {
				return new Estimate(Double.NaN, Double.NaN);
			}
			return new Estimate((score(hundred) - score(none)) / 100, Math.hypot(error(hundred), error(none)) / 100);
		}

		private static Map<String, String> withCalls(Map<String, String> params, String calls) {
			Map<String, String> with = new LinkedHashMap<>(params);
			with.put("calls", calls);
			return with;
		}

		private Map<String, Object> row(String benchmark, Map<String, String> params) {
			for (Map<String, Object> row : this.rows) {
				if (row.get("benchmark").equals(benchmark) && matches(row, params)) {
					return row;
				}
			}
			return null;
		}

		@SuppressWarnings("unchecked")
		private static boolean matches(Map<String, Object> row, Map<String, String> params) {
			Map<String, Object> actual = (Map<String, Object>) row.get("params");
			for (Map.Entry<String, String> param : params.entrySet()) {
				if (actual == null || !param.getValue().equals(String.valueOf(actual.get(param.getKey())))) {
					return false;
				}
			}
			return true;
		}

		@SuppressWarnings("unchecked")
		static double score(Map<String, Object> row) {
			return ((Number) ((Map<String, Object>) row.get("primaryMetric")).get("score")).doubleValue();
		}

		@SuppressWarnings("unchecked")
		static double error(Map<String, Object> row) {
			Object error = ((Map<String, Object>) row.get("primaryMetric")).get("scoreError");
			return (error instanceof Number number) ? number.doubleValue() : Double.NaN;
		}

		@SuppressWarnings("unchecked")
		static String unit(Map<String, Object> row) {
			return (String) ((Map<String, Object>) row.get("primaryMetric")).get("scoreUnit");
		}

	}

}
