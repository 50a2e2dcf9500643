// GMime (with GObject and GIO), loaded on first use. Gazette calls GMime
// only to parse the email addresses of a spec's [email] and to compose the
// messages it sends (base/mailbox.cc, deliver/message.cc), but linking it
// made every run load it and the libraries it needs (GObject, GIO, GPGME,
// libmount, libblkid, SELinux, ...: 13 of the binary's 39) before main, and
// made every other symbol look-up of the loader slower: 6.5M instructions,
// 8 % of a run that builds the bundled example (README "Performance"). So
// the binary does not link GMime: the GMime and GObject functions Gazette
// calls are defined here, and the first call opens libgmime-3.0.so.0 with
// dlopen and forwards each call to it, as curl_library.cc does for
// libcurl. They are hidden: nothing outside the binary sees them, and
// GMime's own calls stay GMime's. (GLib itself is loaded anyway:
// HarfBuzz needs it.)
//
// A GMime that cannot be loaded is a Failure (exit 1) at the first call,
// naming the library and the loader's reason.
#include <string>

#include "base/diag.h"
#include "base/gmime_util.h"
#include "base/library.h"

// Every function below, for the table of pointers and their look-up.
#define GZ_GMIME_FUNCTIONS(X)                          \
  X(g_mime_content_disposition_get_parameters)         \
  X(g_mime_content_type_get_parameters)                \
  X(g_mime_data_wrapper_new_with_stream)               \
  X(g_mime_format_options_free)                        \
  X(g_mime_format_options_new)                         \
  X(g_mime_format_options_set_newline_format)          \
  X(g_mime_init)                                       \
  X(g_mime_message_get_cc)                             \
  X(g_mime_message_get_from)                           \
  X(g_mime_message_get_reply_to)                       \
  X(g_mime_message_get_to)                             \
  X(g_mime_message_new)                                \
  X(g_mime_message_set_date)                           \
  X(g_mime_message_set_mime_part)                      \
  X(g_mime_message_set_subject)                        \
  X(g_mime_multipart_add)                              \
  X(g_mime_multipart_new_with_subtype)                 \
  X(g_mime_multipart_set_boundary)                     \
  X(g_mime_multipart_set_prologue)                     \
  X(g_mime_object_get_content_disposition)             \
  X(g_mime_object_get_content_type)                    \
  X(g_mime_object_get_type)                            \
  X(g_mime_object_set_content_type_parameter)          \
  X(g_mime_object_set_header)                          \
  X(g_mime_object_write_to_stream)                     \
  X(g_mime_param_list_get_parameter)                   \
  X(g_mime_param_set_charset)                          \
  X(g_mime_parser_options_free)                        \
  X(g_mime_parser_options_new)                         \
  X(g_mime_parser_options_set_address_compliance_mode) \
  X(g_mime_part_new_with_type)                         \
  X(g_mime_part_set_content)                           \
  X(g_mime_part_set_content_encoding)                  \
  X(g_mime_part_set_filename)                          \
  X(g_mime_stream_mem_get_byte_array)                  \
  X(g_mime_stream_mem_get_type)                        \
  X(g_mime_stream_mem_new)                             \
  X(g_mime_stream_mem_new_with_buffer)                 \
  X(g_object_unref)                                    \
  X(g_type_check_instance_cast)                        \
  X(g_type_check_instance_is_a)                        \
  X(internet_address_get_name)                         \
  X(internet_address_group_new)                        \
  X(internet_address_list_add)                         \
  X(internet_address_list_get_address)                 \
  X(internet_address_list_length)                      \
  X(internet_address_list_parse)                       \
  X(internet_address_mailbox_get_addr)                 \
  X(internet_address_mailbox_get_type)                 \
  X(internet_address_mailbox_new)                      \
  X(internet_address_set_charset)

namespace gz {
namespace {

constexpr const char* kLibrary = "libgmime-3.0.so.0";

struct Api {
#define GZ_MEMBER(name) decltype(&::name) name;
  GZ_GMIME_FUNCTIONS(GZ_MEMBER)
#undef GZ_MEMBER
};

Api load() {
  const Library library(kLibrary, "GMime, for email addresses and messages");
  Api a;
#define GZ_BIND(name) library.bind(#name, a.name, "GMime 3.2 or later");
  GZ_GMIME_FUNCTIONS(GZ_BIND)
#undef GZ_BIND
  return a;  // the library stays open for the rest of the process
}

// Loaded once, by the first caller (thread-safe); a failed load throws to
// that caller, and the next call tries again.
const Api& gmime_api() {
  static const Api a = load();
  return a;
}

}  // namespace

bool gmime_library_loaded() { return Library::loaded(kLibrary); }

}  // namespace gz

// The functions' names are in parentheses so that no macro of GLib's or
// GMime's headers applies to them.
#pragma GCC visibility push(hidden)
extern "C" {

GMimeParamList*(g_mime_content_disposition_get_parameters)(GMimeContentDisposition* disposition) {
  return gz::gmime_api().g_mime_content_disposition_get_parameters(disposition);
}

GMimeParamList*(g_mime_content_type_get_parameters)(GMimeContentType* content_type) {
  return gz::gmime_api().g_mime_content_type_get_parameters(content_type);
}

GMimeDataWrapper*(g_mime_data_wrapper_new_with_stream)(GMimeStream* stream,
                                                       GMimeContentEncoding encoding) {
  return gz::gmime_api().g_mime_data_wrapper_new_with_stream(stream, encoding);
}

void(g_mime_format_options_free)(GMimeFormatOptions* options) {
  gz::gmime_api().g_mime_format_options_free(options);
}

GMimeFormatOptions*(g_mime_format_options_new)(void) {
  return gz::gmime_api().g_mime_format_options_new();
}

void(g_mime_format_options_set_newline_format)(GMimeFormatOptions* options,
                                               GMimeNewLineFormat newline) {
  gz::gmime_api().g_mime_format_options_set_newline_format(options, newline);
}

void(g_mime_init)(void) { gz::gmime_api().g_mime_init(); }

InternetAddressList*(g_mime_message_get_cc)(GMimeMessage* message) {
  return gz::gmime_api().g_mime_message_get_cc(message);
}

InternetAddressList*(g_mime_message_get_from)(GMimeMessage* message) {
  return gz::gmime_api().g_mime_message_get_from(message);
}

InternetAddressList*(g_mime_message_get_reply_to)(GMimeMessage* message) {
  return gz::gmime_api().g_mime_message_get_reply_to(message);
}

InternetAddressList*(g_mime_message_get_to)(GMimeMessage* message) {
  return gz::gmime_api().g_mime_message_get_to(message);
}

GMimeMessage*(g_mime_message_new)(gboolean pretty_headers) {
  return gz::gmime_api().g_mime_message_new(pretty_headers);
}

void(g_mime_message_set_date)(GMimeMessage* message, GDateTime* date) {
  gz::gmime_api().g_mime_message_set_date(message, date);
}

void(g_mime_message_set_mime_part)(GMimeMessage* message, GMimeObject* mime_part) {
  gz::gmime_api().g_mime_message_set_mime_part(message, mime_part);
}

void(g_mime_message_set_subject)(GMimeMessage* message, const char* subject, const char* charset) {
  gz::gmime_api().g_mime_message_set_subject(message, subject, charset);
}

void(g_mime_multipart_add)(GMimeMultipart* multipart, GMimeObject* part) {
  gz::gmime_api().g_mime_multipart_add(multipart, part);
}

GMimeMultipart*(g_mime_multipart_new_with_subtype)(const char* subtype) {
  return gz::gmime_api().g_mime_multipart_new_with_subtype(subtype);
}

void(g_mime_multipart_set_boundary)(GMimeMultipart* multipart, const char* boundary) {
  gz::gmime_api().g_mime_multipart_set_boundary(multipart, boundary);
}

void(g_mime_multipart_set_prologue)(GMimeMultipart* multipart, const char* prologue) {
  gz::gmime_api().g_mime_multipart_set_prologue(multipart, prologue);
}

GMimeContentDisposition*(g_mime_object_get_content_disposition)(GMimeObject* object) {
  return gz::gmime_api().g_mime_object_get_content_disposition(object);
}

GMimeContentType*(g_mime_object_get_content_type)(GMimeObject* object) {
  return gz::gmime_api().g_mime_object_get_content_type(object);
}

GType(g_mime_object_get_type)(void) { return gz::gmime_api().g_mime_object_get_type(); }

void(g_mime_object_set_content_type_parameter)(GMimeObject* object, const char* name,
                                               const char* value) {
  gz::gmime_api().g_mime_object_set_content_type_parameter(object, name, value);
}

void(g_mime_object_set_header)(GMimeObject* object, const char* header, const char* value,
                               const char* charset) {
  gz::gmime_api().g_mime_object_set_header(object, header, value, charset);
}

ssize_t(g_mime_object_write_to_stream)(GMimeObject* object, GMimeFormatOptions* options,
                                       GMimeStream* stream) {
  return gz::gmime_api().g_mime_object_write_to_stream(object, options, stream);
}

GMimeParam*(g_mime_param_list_get_parameter)(GMimeParamList* list, const char* name) {
  return gz::gmime_api().g_mime_param_list_get_parameter(list, name);
}

void(g_mime_param_set_charset)(GMimeParam* param, const char* charset) {
  gz::gmime_api().g_mime_param_set_charset(param, charset);
}

void(g_mime_parser_options_free)(GMimeParserOptions* options) {
  gz::gmime_api().g_mime_parser_options_free(options);
}

GMimeParserOptions*(g_mime_parser_options_new)(void) {
  return gz::gmime_api().g_mime_parser_options_new();
}

void(g_mime_parser_options_set_address_compliance_mode)(GMimeParserOptions* options,
                                                        GMimeRfcComplianceMode mode) {
  gz::gmime_api().g_mime_parser_options_set_address_compliance_mode(options, mode);
}

GMimePart*(g_mime_part_new_with_type)(const char* type, const char* subtype) {
  return gz::gmime_api().g_mime_part_new_with_type(type, subtype);
}

void(g_mime_part_set_content)(GMimePart* mime_part, GMimeDataWrapper* content) {
  gz::gmime_api().g_mime_part_set_content(mime_part, content);
}

void(g_mime_part_set_content_encoding)(GMimePart* mime_part, GMimeContentEncoding encoding) {
  gz::gmime_api().g_mime_part_set_content_encoding(mime_part, encoding);
}

void(g_mime_part_set_filename)(GMimePart* mime_part, const char* filename) {
  gz::gmime_api().g_mime_part_set_filename(mime_part, filename);
}

GByteArray*(g_mime_stream_mem_get_byte_array)(GMimeStreamMem* mem) {
  return gz::gmime_api().g_mime_stream_mem_get_byte_array(mem);
}

GType(g_mime_stream_mem_get_type)(void) { return gz::gmime_api().g_mime_stream_mem_get_type(); }

GMimeStream*(g_mime_stream_mem_new)(void) { return gz::gmime_api().g_mime_stream_mem_new(); }

GMimeStream*(g_mime_stream_mem_new_with_buffer)(const char* buffer, size_t len) {
  return gz::gmime_api().g_mime_stream_mem_new_with_buffer(buffer, len);
}

void(g_object_unref)(gpointer object) { gz::gmime_api().g_object_unref(object); }

GTypeInstance*(g_type_check_instance_cast)(GTypeInstance* instance, GType iface_type) {
  return gz::gmime_api().g_type_check_instance_cast(instance, iface_type);
}

gboolean(g_type_check_instance_is_a)(GTypeInstance* instance, GType iface_type) {
  return gz::gmime_api().g_type_check_instance_is_a(instance, iface_type);
}

const char*(internet_address_get_name)(InternetAddress* ia) {
  return gz::gmime_api().internet_address_get_name(ia);
}

InternetAddress*(internet_address_group_new)(const char* name) {
  return gz::gmime_api().internet_address_group_new(name);
}

int(internet_address_list_add)(InternetAddressList* list, InternetAddress* ia) {
  return gz::gmime_api().internet_address_list_add(list, ia);
}

InternetAddress*(internet_address_list_get_address)(InternetAddressList* list, int index) {
  return gz::gmime_api().internet_address_list_get_address(list, index);
}

int(internet_address_list_length)(InternetAddressList* list) {
  return gz::gmime_api().internet_address_list_length(list);
}

InternetAddressList*(internet_address_list_parse)(GMimeParserOptions* options, const char* str) {
  return gz::gmime_api().internet_address_list_parse(options, str);
}

const char*(internet_address_mailbox_get_addr)(InternetAddressMailbox* mailbox) {
  return gz::gmime_api().internet_address_mailbox_get_addr(mailbox);
}

GType(internet_address_mailbox_get_type)(void) {
  return gz::gmime_api().internet_address_mailbox_get_type();
}

InternetAddress*(internet_address_mailbox_new)(const char* name, const char* addr) {
  return gz::gmime_api().internet_address_mailbox_new(name, addr);
}

void(internet_address_set_charset)(InternetAddress* ia, const char* charset) {
  gz::gmime_api().internet_address_set_charset(ia, charset);
}
}  // extern "C"
#pragma GCC visibility pop
