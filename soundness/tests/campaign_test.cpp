// campaign.hpp: the quick slice of the soundness campaign (CTest label soundness). Asserts that no
// enclosure misses the reference and no certified verdict is contradicted where the reference is available,
// no "certified": true beside anything but holds/violated, no tight with infinite or disjoint enclosures,
// and that the reference was available for most instances. Scaled down under AddressSanitizer.
#include "soundness/campaign.hpp"
#include "testing/catch.hpp"
#include "testing/sanitizer.hpp"

#include <iostream>

using namespace attnbound::soundness;

namespace {
constexpr std::uint64_t kQuickSliceSeed = 20251206;
constexpr std::uint64_t kQuickSliceInstances = ATTNBOUND_UNDER_ASAN ? 1000 : 5000;
}  // namespace

TEST_CASE("quick slice: no wrong enclosure and no wrong certified verdict", "[soundness]") {
  CampaignOptions options;
  options.seed = kQuickSliceSeed;
  options.count = kQuickSliceInstances;
  const CampaignSummary s = run_campaign(options);
  const Tally& t = s.total;
  std::cout << "soundness quick slice, seed " << s.seed << ": " << t.to_json().dump() << " in " << s.seconds << " s\n";
  if (t.wrong_enclosures || t.wrong_certified_verdicts || t.certified_beside_other || t.bad_tight)
    std::cout << nlohmann::json(s.examples).dump(2) << "\n";
  CHECK(t.instances == kQuickSliceInstances);
  CHECK(t.wrong_enclosures == 0);
  CHECK(t.wrong_certified_verdicts == 0);
  CHECK(t.certified_beside_other == 0);
  CHECK(t.bad_tight == 0);
  CHECK(t.engine_errors == 0);
  // The reference is available for a clear majority of the checked instances.
  CHECK(t.instances_fully_referenced * 10 >= t.checked * 8);
}

TEST_CASE("tally counts each instance once", "[soundness]") {
  Tally t;
  InstanceCheck rejected;
  rejected.status = "rejected";
  InstanceCheck checked;
  checked.status = "checked";
  checked.sides.resize(2);
  checked.sides_unavailable = 1;
  checked.wrong_enclosures = 1;
  t.add(rejected);
  t.add(checked);
  CHECK(t.instances == 2);
  CHECK(t.rejected == 1);
  CHECK(t.checked == 1);
  CHECK(t.instances_fully_referenced == 0);
  CHECK(t.wrong_enclosures == 1);
  CHECK(failure_classes(checked) == std::vector<std::string>{"wrong_enclosure"});
}
