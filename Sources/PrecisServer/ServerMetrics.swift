import Prometheus
import Synchronization

/// The server's Prometheus metrics, kept in its own registry (no global metrics system, so
/// several servers can live in one process): request counts by endpoint and status, latency
/// histograms by endpoint, requests in flight, model reloads.
final class ServerMetrics: Sendable {
    let registry: PrometheusCollectorRegistry
    private let durations: [DurationHistogram]
    private let inFlight: Gauge
    private let reloads: (succeeded: Counter, failed: Counter)
    /// Counters by endpoint × status, made on first use.
    private let counters = Mutex<[Int: Counter]>([:])

    /// Latency buckets, 0.25 ms to 10 s.
    static let buckets: [Duration] = [
        .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5),
        .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250),
        .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10),
    ]

    init() {
        let registry = PrometheusCollectorRegistry()
        self.registry = registry
        let duration = MetricNameDescriptor(namespace: "precis", metricName: "http_request_duration", unitName: "seconds",
                                            helpText: "Time from request head to response, by endpoint.")
        durations = Endpoint.allCases.map {
            registry.makeDurationHistogram(descriptor: duration, labels: [("endpoint", $0.path)], buckets: Self.buckets)
        }
        inFlight = registry.makeGauge(descriptor: MetricNameDescriptor(
            namespace: "precis", metricName: "http_requests_in_flight", unitName: "",
            helpText: "Requests being answered now."))
        let reloadName = MetricNameDescriptor(namespace: "precis", metricName: "model_reloads", unitName: "total",
                                              helpText: "Model reloads, by result (a failed one keeps the old model).")
        reloads = (registry.makeCounter(descriptor: reloadName, labels: [("result", "success")]),
                   registry.makeCounter(descriptor: reloadName, labels: [("result", "failure")]))
    }

    func started() { inFlight.increment() }

    /// Records one answered request.
    func finished(_ endpoint: Endpoint, status: Int, duration: Duration) {
        inFlight.decrement()
        durations[endpoint.rawValue].record(duration)
        let key = endpoint.rawValue << 16 | status
        let counter = counters.withLock { cache in
            if let counter = cache[key] { return counter }
            let counter = registry.makeCounter(
                descriptor: MetricNameDescriptor(namespace: "precis", metricName: "http_requests", unitName: "total",
                                                 helpText: "Requests answered, by endpoint and status."),
                labels: [("endpoint", endpoint.path), ("status", String(status))])
            cache[key] = counter
            return counter
        }
        counter.increment()
    }

    func recordReload(_ report: ModelStore.ReloadReport) {
        if !report.reloaded.isEmpty { reloads.succeeded.increment(by: Int64(report.reloaded.count)) }
        if !report.failed.isEmpty { reloads.failed.increment(by: Int64(report.failed.count)) }
    }

    /// The Prometheus text exposition.
    func exposition() -> [UInt8] {
        var out: [UInt8] = []
        registry.emit(into: &out)
        return out
    }
}
