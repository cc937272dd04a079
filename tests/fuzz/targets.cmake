# The fuzz targets, one per input boundary: tests/fuzz/NAME_fuzz.cc each. Included by
# tests/fuzz/CMakeLists.txt (libFuzzer builds) and tests/CMakeLists.txt (the replay in the
# normal test build); replay_main.cc's TAILOR_FUZZ_TARGETS lists the same names.
set(tailor_fuzz_targets json condition regex url config decide_diff events conformance stats
    safety audit customers_csv campaign_spec http_request)
