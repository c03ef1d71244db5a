package io.inferplan.web;

import io.inferplan.plan.evaluate.PlanRequest;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Named requests and readers of rendered quantities, shared by the page, report and browser tests. */
public final class Fixtures {

    /** The query string the home form submits untouched. */
    public static final String DEFAULT_QUERY = "model=llama-3.1-8b&weightFormat=bf16&kvCacheFormat=&accelerator=h100-sxm"
            + "&acceleratorCount=1&framework=vllm&mode=fixed-concurrency&inputTokens=2048&outputTokens=256&concurrency=16"
            + "&requestsPerSecond=&sharedPrefixTokens=0&memoryFraction=&notes=";

    private Fixtures() {
    }

    /** The same plan as {@link #DEFAULT_QUERY}, written as the API request. */
    public static PlanRequest llama31_8bOnOneH100() {
        return llama31_8bOnOneH100(new PlanRequest.WorkloadInput("fixed-concurrency", 2048, 256, 16, null, 0));
    }

    /** The same model and hardware under another workload. */
    public static PlanRequest llama31_8bOnOneH100(PlanRequest.WorkloadInput workload) {
        return new PlanRequest("llama-3.1-8b", "bf16", null, "h100-sxm", 1, "vllm", workload, null, null, null);
    }

    /**
     * A custom accelerator like an H100 SXM (80 GB, 3,350 GB/s), as the catalog API takes it; mutable, so a test can
     * change a field and PUT it again.
     */
    public static java.util.Map<String, Object> customHopper(String id) {
        return new java.util.HashMap<>(java.util.Map.of("id", id, "vendor", "NVIDIA", "name", "Test GPU", "memoryGB", 80.0,
                "memoryBandwidthGBps", 3350.0, "fp16Tflops", 989.0, "fp8Tflops", 1979.0, "tdpWatts", 700.0,
                "architecture", "nvidia_hopper", "sourceUrl", "https://example.com/gpu"));
    }

    /** {@link #DEFAULT_QUERY} with some parameters replaced ("mode", "arrival-rate", "requestsPerSecond", "2", …). */
    public static String defaultQueryWith(String... nameValue) {
        String q = DEFAULT_QUERY;
        for (int i = 0; i < nameValue.length; i += 2) {
            String name = nameValue[i];
            String value = java.net.URLEncoder.encode(nameValue[i + 1], java.nio.charset.StandardCharsets.UTF_8);
            q = q.matches("(^|.*&)" + name + "=.*") ? q.replaceAll("(^|&)" + name + "=[^&]*", "$1" + name + "=" + value)
                    : q + "&" + name + "=" + value;
        }
        return q;
    }

    /** "1,234.56 GiB" → 1234.56: the number a page shows, unit and thousands separators dropped. */
    public static double number(String shown) {
        Matcher m = Pattern.compile("-?[0-9][0-9,]*(\\.[0-9]+)?").matcher(shown);
        if (!m.find()) {
            throw new AssertionError("no number in '" + shown + "'");
        }
        return Double.parseDouble(m.group().replace(",", ""));
    }

    /** The text of each cell of the table row with this id, tags removed. */
    public static java.util.List<String> rowCells(String html, String rowId) {
        int at = html.indexOf("id=\"" + rowId + "\"");
        if (at < 0) {
            throw new AssertionError("no row with id " + rowId);
        }
        String row = html.substring(at, html.indexOf("</tr>", at));
        java.util.List<String> out = new java.util.ArrayList<>();
        Matcher m = Pattern.compile("<td[^>]*>(.*?)</td>", Pattern.DOTALL).matcher(row);
        while (m.find()) {
            out.add(m.group(1).replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").trim());
        }
        return out;
    }

    /** The text of the first text node inside the element with this id. */
    public static String textById(String html, String id) {
        int at = html.indexOf("id=\"" + id + "\"");
        if (at < 0) {
            throw new AssertionError("no element with id " + id);
        }
        String rest = html.substring(html.indexOf('>', at) + 1);
        rest = rest.replaceFirst("^(\\s*<[^/][^>]*>)*", "");
        return rest.substring(0, rest.indexOf('<')).trim();
    }

    /** All the text inside the element with this id (up to the first closing tag of its name), tags removed. */
    public static String elementText(String html, String id) {
        int at = html.indexOf("id=\"" + id + "\"");
        if (at < 0) {
            throw new AssertionError("no element with id " + id);
        }
        int open = html.lastIndexOf('<', at);
        String tag = html.substring(open + 1).split("[\\s>]", 2)[0];
        int end = html.indexOf("</" + tag + ">", at);
        return html.substring(html.indexOf('>', at) + 1, end).replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").trim();
    }
}
