package dev.kon.bench.autoscale;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineChartsTest {
    private static PolicyResult timeline(FleetPolicy policy, Sample... samples) {
        return new PolicyResult(policy, List.of(), List.of(samples), 1);
    }

    @Test
    void text_fleetAtMaxWithAFullQueue_fillsTheColumnAndMarksTheTopRow() {
        PolicyResult r = timeline(FleetPolicy.autoscaler(), new Sample(0, 8, 8, 100, 0), new Sample(10, 0, 0, 0, 0));

        List<String> lines = TimelineCharts.text(List.of(r), 8).lines().toList();

        assertThat(lines.get(1)).isEqualTo("autoscaler");
        assertThat(lines.get(2)).startsWith("  8 |*").endsWith(" ");
        assertThat(lines.get(9)).startsWith("  1 |#");
        // the last column holds the idle fleet: no bar, no mark
        assertThat(lines.get(9).charAt(4 + TimelineCharts.TEXT_WIDTH)).isEqualTo(' ');
    }

    @Test
    void svg_drawsAPanelAndBothLinesPerPolicy_andEscapesTheTitle() {
        String svg = TimelineCharts.svg(List.of(timeline(FleetPolicy.fixed(2), new Sample(0, 2, 2, 5, 1),
                new Sample(1, 2, 2, 0, 0)), timeline(FleetPolicy.queueLength(), new Sample(0, 0, 0, 6, 0))), 2,
                "a < b & c");

        assertThat(svg).startsWith("<svg").endsWith("</svg>\n").contains("a &lt; b &amp; c", ">fixed 2<",
                ">queue-length<");
        assertThat(svg.split("<polyline", -1)).hasSize(5);
    }
}
