// fit() for "kmeans": standardise, fit (k given or chosen by silhouette), order the centroids,
// and write the config "kmeans" segment (core/segmentation/fit.h).
#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>
#include <utility>

#include "core/bandit/random.h"
#include "core/segmentation/kmeans.h"
#include "core/segmentation/models.h"

namespace tailor::segmentation::internal {

namespace {

using json::Value;

constexpr int kAutoMin = 2, kAutoMax = 8;

struct Fit {
  size_t k = 0;
  KMeansResult result;  // centers ordered, labels recomputed for that order
  std::optional<double> silhouette;
};

// Centers by descending first coordinate, then the next; labels recomputed for that order with
// the first-wins tie rule the SDK uses.
void order_centers(KMeansResult& r, const std::vector<double>& z, size_t d, size_t k) {
  std::vector<size_t> order(k);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    for (size_t j = 0; j < d; ++j) {
      if (r.centers[a * d + j] != r.centers[b * d + j]) {
        return r.centers[a * d + j] > r.centers[b * d + j];
      }
    }
    return false;
  });
  std::vector<double> centers(k * d);
  for (size_t c = 0; c < k; ++c) {
    std::copy_n(&r.centers[order[c] * d], d, &centers[c * d]);
  }
  r.centers = std::move(centers);
  const size_t n = r.labels.size();
  for (size_t i = 0; i < n; ++i) {
    double best = 0;
    for (size_t c = 0; c < k; ++c) {
      double sum = 0;
      for (size_t j = 0; j < d; ++j) {
        const double diff = z[i * d + j] - r.centers[c * d + j];
        sum = sum + diff * diff;
      }
      if (c == 0 || sum < best) {
        best = sum;
        r.labels[i] = static_cast<uint32_t>(c);
      }
    }
  }
}

// Rows 0..n-1, or `m` of them drawn without replacement (partial Fisher-Yates with
// Rng(seed)), in ascending order.
std::vector<size_t> draw(size_t n, size_t m, uint64_t seed) {
  std::vector<size_t> rows(n);
  std::iota(rows.begin(), rows.end(), 0);
  if (n <= m) return rows;
  bandit::Rng rng(seed);
  for (size_t i = 0; i < m; ++i) {
    size_t j = i + static_cast<size_t>(rng.next() % (n - i));
    std::swap(rows[i], rows[j]);
  }
  rows.resize(m);
  std::sort(rows.begin(), rows.end());
  return rows;
}

std::vector<double> subset(const std::vector<double>& z, size_t d,
                           const std::vector<size_t>& rows) {
  std::vector<double> out;
  out.reserve(rows.size() * d);
  for (size_t r : rows) out.insert(out.end(), &z[r * d], &z[r * d] + d);
  return out;
}

std::optional<double> sampled_silhouette(const std::vector<double>& z, size_t d,
                                         const std::vector<uint32_t>& labels, size_t k,
                                         const std::vector<size_t>& rows) {
  std::vector<uint32_t> sampled;
  sampled.reserve(rows.size());
  for (size_t r : rows) sampled.push_back(labels[r]);
  return silhouette(subset(z, d, rows), d, sampled, k);
}

Value number_or_null(const std::optional<double>& x) { return x ? Value(*x) : Value(); }

}  // namespace

Result<Model> kmeans_model(const dataset::Table& table, const Spec& spec) {
  const size_t d = spec.features.size();
  std::vector<size_t> cols;
  for (size_t j = 0; j < d; ++j) {
    auto c =
        numeric_column(table, spec.features[j], spec.path + ".features[" + std::to_string(j) + "]");
    if (!c.ok()) return Result<Model>(c.status());
    cols.push_back(*c);
  }
  // The scored rows (every feature present) and their raw values.
  std::vector<size_t> scored_rows;
  std::vector<double> z;
  for (size_t r = 0; r < table.row_count(); ++r) {
    bool complete = true;
    for (size_t c : cols) complete = complete && !table.missing(r, c);
    if (!complete) continue;
    scored_rows.push_back(r);
    for (size_t c : cols) z.push_back(table.number(r, c));
  }
  const size_t n = scored_rows.size();
  if (n == 0) {
    return Result<Model>::failure(spec.path +
                                  ".features: no customer has a value for every feature");
  }
  std::vector<double> mean(d, 0), scale(d, 0);
  for (size_t j = 0; j < d; ++j) {
    double sum = 0;
    for (size_t i = 0; i < n; ++i) sum += z[i * d + j];
    mean[j] = sum / static_cast<double>(n);
    double squares = 0;
    for (size_t i = 0; i < n; ++i) {
      const double diff = z[i * d + j] - mean[j];
      squares += diff * diff;
    }
    const double sd = std::sqrt(squares / static_cast<double>(n));
    scale[j] = sd > 0 ? sd : 1;
  }
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = 0; j < d; ++j) z[i * d + j] = (z[i * d + j] - mean[j]) / scale[j];
  }

  // Fits `k` to the points `pz`; silhouette over their rows `sample`.
  auto fit_k = [&](const std::vector<double>& pz, size_t k,
                   const std::vector<size_t>& sample) -> Result<Fit> {
    auto r = kmeans(pz, d, k, spec.seed, spec.max_iterations);
    if (!r.ok()) {
      return Result<Fit>::failure(spec.path + ".k is " + std::to_string(k) + ", but " + r.error());
    }
    Fit f{k, std::move(r.value()), std::nullopt};
    order_centers(f.result, pz, d, k);
    f.silhouette = sampled_silhouette(pz, d, f.result.labels, k, sample);
    return f;
  };
  const std::vector<size_t> sample = draw(n, spec.silhouette_sample, spec.seed + 1);
  std::optional<Fit> best;
  Value by_k(json::Array{});
  std::vector<size_t> selection;
  if (spec.k) {
    auto f = fit_k(z, static_cast<size_t>(*spec.k), sample);
    if (!f.ok()) return Result<Model>(f.status());
    best = std::move(f.value());
  } else {
    selection = draw(n, spec.selection_sample, spec.seed + 2);
    const bool all = selection.size() == n;
    const std::vector<double> sz = all ? std::vector<double>() : subset(z, d, selection);
    const std::vector<size_t> selection_sample =
        all ? sample : draw(selection.size(), spec.silhouette_sample, spec.seed + 1);
    for (int k = kAutoMin; k <= kAutoMax; ++k) {
      auto f = fit_k(all ? z : sz, static_cast<size_t>(k), selection_sample);
      if (!f.ok()) {
        if (k == kAutoMin) return Result<Model>(f.status());
        break;  // fewer distinct customers than k: larger k cannot fit either
      }
      by_k.push_back(Value::object({{"k", k}, {"silhouette", number_or_null(f->silhouette)}}));
      const double s = f->silhouette.value_or(-2);
      if (!best || s > best->silhouette.value_or(-2)) best = std::move(f.value());
    }
    if (!all) {
      auto f = fit_k(z, best->k, sample);
      if (!f.ok()) return Result<Model>(f.status());
      best = std::move(f.value());
    }
  }
  const size_t k = best->k;
  const KMeansResult& r = best->result;

  Model m;
  const uint32_t offset = n < table.row_count() ? 1 : 0;
  if (offset) m.segments.push_back(unscored("cluster"));
  json::Array features, centroids;
  for (const std::string& f : spec.features) features.emplace_back(f);
  for (size_t c = 0; c < k; ++c) {
    const std::string name = "Cluster " + std::to_string(c + 1);
    json::Array center;
    for (size_t j = 0; j < d; ++j) center.emplace_back(r.centers[c * d + j]);
    centroids.push_back(Value::object({{"name", name}, {"center", Value(std::move(center))}}));
    m.segments.push_back(
        {name, "cluster-" + std::to_string(c + 1),
         c + 1 == k ? Value::empty_object() : Value::object({{"segments.cluster", name}})});
  }
  auto numbers = [](const std::vector<double>& v) {
    json::Array a;
    for (double x : v) a.emplace_back(x);
    return Value(std::move(a));
  };
  m.config_segments = Value(json::Array{Value::object({{"key", "cluster"},
                                                       {"type", "kmeans"},
                                                       {"features", Value(features)},
                                                       {"mean", numbers(mean)},
                                                       {"scale", numbers(scale)},
                                                       {"centroids", Value(centroids)}})});
  m.expected.assign(table.row_count(), offset ? 0 : kNoSegment);
  for (size_t i = 0; i < n; ++i) m.expected[scored_rows[i]] = r.labels[i] + offset;

  json::Object diagnostics = {{"k", static_cast<double>(k)},
                              {"silhouette", number_or_null(best->silhouette)},
                              {"silhouette_sample", static_cast<double>(sample.size())}};
  if (!spec.k) {
    diagnostics.emplace_back("silhouette_by_k", std::move(by_k));
    diagnostics.emplace_back("selection_sample", static_cast<double>(selection.size()));
  }
  diagnostics.emplace_back("inertia", r.inertia);
  diagnostics.emplace_back("iterations", r.iterations);
  diagnostics.emplace_back("converged", r.converged);
  diagnostics.emplace_back("scored", static_cast<double>(n));
  diagnostics.emplace_back("unscored", static_cast<double>(table.row_count() - n));
  m.diagnostics = Value::object(std::move(diagnostics));
  return m;
}

}  // namespace tailor::segmentation::internal
