#pragma once
/// Border police tables as CSV (issue 13, item 5), streamed through CsvReply
/// (server/api/README.md): a search's results, whole (the criteria of GET /v1/police/persons,
/// its pages read one after the other on the worker with the search's own keyset position), and
/// a person's history (the rows of GET /v1/police/persons/{id}/timeline, newest first). French
/// headers and words by default, English with `?lang=en`, `,` or `;` (`?sep=semicolon`).
/// Border police only, each with a reason and a case reference, like the JSON routes (the
/// gateway). Audited as those are: the search terms in `query`, the rows in `result_count`, and
/// the person tokens exported (the search's, up to what an entry holds; the history's person).
/// Never protection data: the rows come from police.proto's messages.

#include "server/api/api_call.hpp"

namespace minegate::server::api {

ApiHandler PoliceSearchExportHandler();    ///< GET /v1/police/persons.csv
ApiHandler PoliceTimelineExportHandler();  ///< GET /v1/police/persons/{id}/timeline.csv

}  // namespace minegate::server::api
