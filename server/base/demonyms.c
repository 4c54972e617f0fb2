/* The adjectives English uses for countries' people and governments, with the country each names:
 * "Vietnamese Defense Minister" is Vietnam's. */
#include <string.h>

#include "jvdr/base/titled_names.h"

static const struct {
    const char *word, *code;
} demonyms[] = {
    {"Afghan", "AF"},      {"American", "US"},    {"Argentine", "AR"},  {"Australian", "AU"},
    {"Austrian", "AT"},    {"Bangladeshi", "BD"}, {"Belgian", "BE"},    {"Brazilian", "BR"},
    {"British", "GB"},     {"Bruneian", "BN"},    {"Burmese", "MM"},    {"Cambodian", "KH"},
    {"Canadian", "CA"},    {"Chilean", "CL"},     {"Chinese", "CN"},    {"Czech", "CZ"},
    {"Danish", "DK"},      {"Dutch", "NL"},       {"Egyptian", "EG"},   {"Emirati", "AE"},
    {"Filipino", "PH"},    {"Finnish", "FI"},     {"French", "FR"},     {"German", "DE"},
    {"Greek", "GR"},       {"Indian", "IN"},      {"Indonesian", "ID"}, {"Iranian", "IR"},
    {"Iraqi", "IQ"},       {"Irish", "IE"},       {"Israeli", "IL"},    {"Italian", "IT"},
    {"Japanese", "JP"},    {"Kazakh", "KZ"},      {"Korean", "KR"},     {"Lao", "LA"},
    {"Laotian", "LA"},     {"Malaysian", "MY"},   {"Mexican", "MX"},    {"Mongolian", "MN"},
    {"Nepali", "NP"},      {"Norwegian", "NO"},   {"Pakistani", "PK"},  {"Philippine", "PH"},
    {"Polish", "PL"},      {"Portuguese", "PT"},  {"Russian", "RU"},    {"Saudi", "SA"},
    {"Singaporean", "SG"}, {"Spanish", "ES"},     {"Swedish", "SE"},    {"Swiss", "CH"},
    {"Taiwanese", "TW"},   {"Thai", "TH"},        {"Timorese", "TL"},   {"Turkish", "TR"},
    {"Ukrainian", "UA"},   {"Vietnamese", "VN"},
};

const char *demonym_country(const char *word, size_t word_len)
{
    for (size_t i = 0; i < sizeof demonyms / sizeof demonyms[0]; i++)
        if (strlen(demonyms[i].word) == word_len && memcmp(demonyms[i].word, word, word_len) == 0)
            return demonyms[i].code;
    return NULL;
}
