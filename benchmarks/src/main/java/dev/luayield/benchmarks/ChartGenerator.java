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

	private static final String BASE = "dev.luayield.benchmarks.BaselineBenchmark.";

	private ChartGenerator() {
	}

	public static void main(String[] args) throws IOException {
		if (args.length != 2) {
			System.err.println("usage: ChartGenerator <jmh-result.json> <chart.png>");
			System.exit(2);
		}
		Results results = new Results(Files.readString(Path.of(args[0])));
		Map<String, Double> perCall = new LinkedHashMap<>();
		for (String argument : List.of("int", "string", "record")) {
			perCall.put("LuaYield, " + argument + " argument", results.slope(E2E, Map.of("argument", argument)));
		}
		perCall.put("LuaJava reflective", results.slope(BASE + "luajavaReflective", Map.of()));
		perCall.put("LuaJava JFunction", results.slope(BASE + "luajavaJFunction", Map.of()));
		perCall.put("floor: bare protocol loop", results.slope(BASE + "floorProtocolNatives", Map.of()));
		perCall.put("floor: empty resume/yield", results.slope(BASE + "floorEmptyYield", Map.of()));
		perCall.put("LuaJ (pure Java)", results.slope(BASE + "luaj", Map.of()));
		draw(perCall, new File(args[1]));
		printTables(results, perCall);
	}

	private static void draw(Map<String, Double> perCall, File png) throws IOException {
		DefaultCategoryDataset dataset = new DefaultCategoryDataset();
		perCall.forEach((name, ns) -> {
			if (!Double.isNaN(ns)) {
				dataset.addValue(ns, "ns per call", name);
			}
		});
		JFreeChart chart = new JFreeChart("Cost of one Lua \u2192 Java \u2192 Lua call", new Font("SansSerif", Font.BOLD, 18),
				new CategoryPlot(dataset, new CategoryAxis(), new NumberAxis("ns per call (lower is better)"),
						new HighlightingRenderer(dataset)),
				false);
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
		renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}",
				new java.text.DecimalFormat("0")));
		renderer.setDefaultItemLabelsVisible(true);
		renderer.setDefaultItemLabelFont(new Font("SansSerif", Font.PLAIN, 12));
		renderer.setItemMargin(0.0);
		ChartUtils.saveChartAsPNG(png, chart, 1000, 520);
	}

	/**
	 * Draws LuaYield's own bars in blue and the baselines in grey.
	 */
	private static final class HighlightingRenderer extends BarRenderer {

		private final DefaultCategoryDataset dataset;

		HighlightingRenderer(DefaultCategoryDataset dataset) {
			this.dataset = dataset;
		}

		@Override
		public Paint getItemPaint(int row, int column) {
			String name = (String) this.dataset.getColumnKey(column);
			return name.startsWith("LuaYield") ? new Color(0x2E6DB4)
					: name.startsWith("floor") ? new Color(0x9BB7D4) : new Color(0x9A9A9A);
		}

	}

	private static void printTables(Results results, Map<String, Double> perCall) {
		double runner = perCall.get("LuaYield, int argument");
		System.out.println("| way of calling | ns per call | LuaYield (int) is ... |");
		System.out.println("|---|---:|---|");
		perCall.forEach((name, ns) -> System.out.printf(Locale.ROOT, "| %s | %.1f | %s |%n", name, ns,
				name.startsWith("LuaYield") ? (name.contains("int") ? "" : String.format(Locale.ROOT, "%.2f\u00d7 the int call", ns / runner))
						: (ns >= runner) ? String.format(Locale.ROOT, "%.2f\u00d7 cheaper", ns / runner)
								: String.format(Locale.ROOT, "%.2f\u00d7 dearer", runner / ns)));
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
	 * The rows of a JMH JSON result file.
	 */
	static final class Results {

		final List<Map<String, Object>> rows;

		@SuppressWarnings("unchecked")
		Results(String json) {
			this.rows = new Gson().fromJson(json, List.class);
		}

		double score(String benchmark, Map<String, String> params) {
			for (Map<String, Object> row : this.rows) {
				if (row.get("benchmark").equals(benchmark) && matches(row, params)) {
					return score(row);
				}
			}
			return Double.NaN;
		}

		/** The cost of one call: the score at 100 calls less the score at 0, over 100. */
		double slope(String benchmark, Map<String, String> params) {
			Map<String, String> none = new LinkedHashMap<>(params);
			none.put("calls", "0");
			Map<String, String> hundred = new LinkedHashMap<>(params);
			hundred.put("calls", "100");
			return (score(benchmark, hundred) - score(benchmark, none)) / 100;
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
		static String unit(Map<String, Object> row) {
			return (String) ((Map<String, Object>) row.get("primaryMetric")).get("scoreUnit");
		}

	}

}
