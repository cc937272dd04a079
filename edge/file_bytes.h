// Immutable bytes mirrored in a sealed in-memory file (memfd_create(2)), so a plain-HTTP
// session can send them with sendfile(2): the kernel then attaches the file's pages to the
// socket instead of copying the bytes in through write(2) — what nginx does for static files.
// Used for published configs, the edge's hottest and largest answers.
#pragma once

#include <memory>
#include <string>

namespace tailor::edge {

// Shared bytes that keep their file open for as long as any copy of the pointer lives. `fd` is
// set to the file's descriptor, or -1 when no file could be made (the bytes are then only in
// memory and sessions write them as usual).
std::shared_ptr<const std::string> file_backed_bytes(std::string data, int& fd);

}  // namespace tailor::edge
