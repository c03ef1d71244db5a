package io.inferplan.web.plan;

import io.micronaut.http.MediaType;

import java.util.Optional;

/** A chart's file name as linked from a page ({@code memory.svg}, {@code speculative.png}): its base name and format. */
record ChartFile(String name, Charts.Format format) {

    /** The file's name and format, or empty when the extension is neither svg nor png. */
    static Optional<ChartFile> parse(String file) {
        int dot = file.lastIndexOf('.');
        String ext = dot < 0 ? "" : file.substring(dot + 1);
        Charts.Format format = "png".equals(ext) ? Charts.Format.PNG : "svg".equals(ext) ? Charts.Format.SVG : null;
        return format == null ? Optional.empty() : Optional.of(new ChartFile(file.substring(0, dot), format));
    }

    /** The response's content type. */
    MediaType mediaType() {
        return format == Charts.Format.PNG ? MediaType.IMAGE_PNG_TYPE : new MediaType("image/svg+xml");
    }
}
