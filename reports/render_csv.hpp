// CSV renderings of report tables and figure data (RFC 4180 quoting, "\n" line ends).
// Every numeric column's header names its precision and whether it is certified, e.g.
// "g_max (53 b, not certified)"; an enclosure column becomes two columns "<name> lo" and "<name> hi".
#pragma once

#include "reports/report.hpp"

#include <string>

namespace attnbound::reports {

std::string table_csv(const Table& t);
// Long format: series,x,y with the series' precision in the header.
std::string figure_csv(const Figure& f);

}  // namespace attnbound::reports
