#pragma once
/// Why a batch of events was refused. Each maps to one sync ErrorCode, so a
/// kiosk (and its agent) learns exactly what was wrong; a refused batch
/// stores nothing.

#include <boost/outcome/result.hpp>
#include <boost/system/error_code.hpp>
#include <type_traits>

#include "minegate/v1/sync.pb.h"

namespace minegate::server {

enum class IngestErrc {
  invalid_event = 1,     ///< a required field missing, a value out of range or too long
  wrong_device,          ///< the event names another device than the authenticated one
  wrong_site,            ///< the event names another site than the device is enrolled at
  not_consecutive,       ///< sequences inside the batch do not go up by one
  sequence_conflict,     ///< a stored (device, seq) holds a different event id
  event_id_conflict,     ///< the event id is stored under another (device, seq)
  sealed_body_invalid,   ///< a sealed body that does not open or names another event
  batch_too_large,       ///< more events than a batch may carry
  storage_failed,        ///< the database refused the commit: retry later
  storage_full,          ///< the commit found the disk full (or a file-size limit): retry later
  sealed_body_required,  ///< personal data (PersonRegistered, ...) sent in clear
};

const boost::system::error_category& IngestCategory();
boost::system::error_code make_error_code(IngestErrc e);

/// The sync protocol code a kiosk receives for an ingest error.
v1::ErrorCode ToSyncErrorCode(const boost::system::error_code& ec);

template <class T>
using IngestResult = boost::outcome_v2::result<T>;

}  // namespace minegate::server

namespace boost::system {
template <>
struct is_error_code_enum<minegate::server::IngestErrc> : std::true_type {};
}  // namespace boost::system
