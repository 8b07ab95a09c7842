#include "tests/support/population/names.hpp"

#include <array>

namespace minegate::test::population {
namespace {

using Names = std::string_view;

// Senegal: Wolof, Pulaar, Mandinka, Serer, Jola, and the Bassari and Bedik of Kédougou itself.
constexpr Names kSenFemale[] = {
    "Aminata", "Fatou",    "Awa",    "Mariama",  "Ndèye",     "Khady",       "Coumba",
    "Aïda",    "Astou",    "Bineta", "Seynabou", "Rokhaya",   "Adama",       "Dieynaba",
    "Penda",   "Maïmouna", "Sokhna", "Oumou",    "Fatoumata", "Ramatoulaye", "Ndeye Fatou"};
constexpr Names kSenMale[] = {"Mamadou",    "Ousmane", "Moussa", "Abdoulaye", "Cheikh",
                              "Ibrahima",   "Modou",   "Lamine", "Babacar",   "Alioune",
                              "Souleymane", "Pape",    "Malick", "Samba",     "Demba",
                              "Boubacar",   "Idrissa", "Amadou", "Serigne",   "Djibril"};
constexpr Names kSenFamily[] = {"Diop",   "Ndiaye",  "Fall",     "Sow",      "Ba",        "Gueye",
                                "Faye",   "Sarr",    "Cissé",    "Mbaye",    "Camara",    "Dramé",
                                "Sy",     "Kane",    "Thiam",    "Seck",     "Dieng",     "Sané",
                                "Badji",  "Diatta",  "Cissokho", "Danfakha", "Sadiakhou", "Keïta",
                                "Bindia", "Boubane", "Tandian",  "Diallo"};
constexpr Names kSenLanguages[] = {"wol fra", "fuc fra", "mnk wol", "srr wol fra", "bsc fuc",
                                   "dyo fra", "wol",     "fuc",     "mnk"};
constexpr Names kSenPlaces[] = {"Kédougou", "Tambacounda", "Kolda",      "Dakar",
                                "Thiès",    "Kaolack",     "Ziguinchor", "Salémata",
                                "Saraya",   "Vélingara",   "Matam",      "Louga"};

constexpr Names kMliFemale[] = {
    "Aminata", "Fatoumata", "Djénéba", "Kadiatou", "Mariam", "Oumou", "Awa",   "Hawa",   "Assitan",
    "Kadidia", "Rokia",     "Nana",    "Salimata", "Bintou", "Sitan", "Fanta", "Ramata", "Aïssata"};
constexpr Names kMliMale[] = {"Moussa", "Seydou",   "Bakary", "Modibo", "Souleymane", "Drissa",
                              "Adama",  "Mamadou",  "Oumar",  "Sékou",  "Lassana",    "Yacouba",
                              "Issa",   "Boubacar", "Amadou", "Siaka",  "Cheick",     "Bréhima"};
constexpr Names kMliFamily[] = {"Traoré",  "Coulibaly", "Keïta",   "Diarra",   "Konaté",
                                "Sidibé",  "Sangaré",   "Doumbia", "Koné",     "Kanté",
                                "Dembélé", "Sissoko",   "Camara",  "Diallo",   "Touré",
                                "Maïga",   "Cissé",     "Fofana",  "Bagayoko", "Samaké"};
constexpr Names kMliLanguages[] = {"bam fra", "bam", "snk bam", "ful bam", "emk bam", "fra bam"};
constexpr Names kMliPlaces[] = {"Kayes", "Kéniéba", "Bamako",  "Sikasso",
                                "Ségou", "Kita",    "Bougouni"};

constexpr Names kGinFemale[] = {"Mariama", "Kadiatou", "Fatoumata", "Hadja",   "Aïssatou",
                                "Binta",   "Oumou",    "Adama",     "Mabinty", "Fanta",
                                "Saran",   "Djenabou", "Hawa",      "Nènè",    "Aminata"};
constexpr Names kGinMale[] = {"Mamadou", "Alpha",    "Ibrahima",  "Thierno", "Ousmane",
                              "Sékou",   "Mohamed",  "Abdoulaye", "Amadou",  "Lansana",
                              "Fodé",    "Boubacar", "Saïkou",    "Mory"};
constexpr Names kGinFamily[] = {"Diallo",  "Barry", "Bah",    "Sow",       "Camara",   "Condé",
                                "Keïta",   "Touré", "Soumah", "Sylla",     "Bangoura", "Kourouma",
                                "Kouyaté", "Cissé", "Baldé",  "Doumbouya", "Konaté"};
constexpr Names kGinLanguages[] = {"fuf fra", "fuf", "sus fra", "emk fra", "sus", "emk"};
constexpr Names kGinPlaces[] = {"Labé",   "Siguiri",  "Mamou", "Conakry",
                                "Kankan", "Koundara", "Mali"};

constexpr Names kBfaFemale[] = {"Mariam",   "Aminata",  "Salimata", "Awa",    "Rasmata",
                                "Safiatou", "Alimata",  "Habibou",  "Zénabo", "Bibata",
                                "Adjara",   "Fatimata", "Pauline",  "Odile"};
constexpr Names kBfaMale[] = {"Issouf",    "Boukary", "Salif",         "Adama",   "Ousmane",
                              "Moussa",    "Hamidou", "Souleymane",    "Idrissa", "Harouna",
                              "Abdoulaye", "Seydou",  "Jean-Baptiste", "Paul"};
constexpr Names kBfaFamily[] = {"Ouédraogo", "Sawadogo", "Compaoré",     "Kaboré", "Zongo",
                                "Traoré",    "Ouattara", "Sanou",        "Kiemdé", "Ilboudo",
                                "Zoungrana", "Nikiéma",  "Tiendrébéogo", "Belem"};
constexpr Names kBfaLanguages[] = {"mos fra", "mos", "dyu fra", "dyu", "ful mos", "fra"};
constexpr Names kBfaPlaces[] = {"Ouagadougou", "Bobo-Dioulasso", "Koudougou",
                                "Ouahigouya",  "Kaya",           "Banfora"};

constexpr Names kNgaFemale[] = {
    "Blessing", "Joy",      "Precious", "Grace",     "Favour",    "Esther",   "Chioma", "Ngozi",
    "Amaka",    "Chiamaka", "Adaeze",   "Funmilayo", "Aisha",     "Hauwa",    "Zainab", "Fatima",
    "Peace",    "Mercy",    "Gift",     "Faith",     "Oluwaseun", "Temitope", "Ifeoma", "Nkechi",
    "Ebere",    "Osas",     "Efe",      "Success",   "Comfort",   "Patience"};
constexpr Names kNgaMale[] = {"Chinedu", "Emeka",   "Obinna", "Ifeanyi",  "Tunde",   "Segun",
                              "Olumide", "Ibrahim", "Musa",   "Abubakar", "Sani",    "Uche",
                              "Osaze",   "Godwin",  "Samuel", "Daniel",   "Kelechi", "Chukwuemeka"};
constexpr Names kNgaFamily[] = {
    "Okafor",    "Okonkwo", "Eze",      "Nwosu",     "Obi",      "Adebayo", "Okeke",      "Adeyemi",
    "Ogunleye",  "Bello",   "Abubakar", "Musa",      "Ibrahim",  "Osagie",  "Igbinedion", "Okoro",
    "Nwachukwu", "Uzor",    "Onyeka",   "Ehigiator", "Omoregie", "Aghedo",  "Oyelaran"};
constexpr Names kNgaLanguages[] = {"eng pcm", "pcm",     "ibo eng", "yor eng",
                                   "hau",     "hau eng", "bin pcm", "eng"};
constexpr Names kNgaPlaces[] = {"Benin City", "Lagos",  "Kano",  "Enugu",
                                "Onitsha",    "Ibadan", "Warri", "Asaba"};

constexpr Names kGmbFemale[] = {"Fatou", "Isatou", "Awa",  "Mariama", "Haddy",
                                "Binta", "Kumba",  "Ndey", "Jainaba", "Oumie"};
constexpr Names kGmbMale[] = {"Lamin",  "Ebrima",  "Modou",  "Alieu", "Omar",
                              "Bakary", "Momodou", "Sainey", "Musa"};
constexpr Names kGmbFamily[] = {"Jallow", "Ceesay", "Touray", "Sanneh", "Bah",   "Darboe",
                                "Jobe",   "Njie",   "Jammeh", "Sowe",   "Camara"};
constexpr Names kGmbLanguages[] = {"mnk eng", "wol eng", "fuc eng", "mnk wol"};
constexpr Names kGmbPlaces[] = {"Banjul", "Serekunda", "Basse", "Brikama"};

constexpr Names kGhaFemale[] = {"Akosua", "Abena", "Ama", "Efua", "Adwoa", "Yaa", "Esi", "Afia"};
constexpr Names kGhaMale[] = {"Kwame", "Kofi", "Kwabena", "Yaw", "Kojo", "Kwaku"};
constexpr Names kGhaFamily[] = {"Mensah", "Owusu",  "Boateng",  "Asante",
                                "Osei",   "Appiah", "Agyemang", "Addo"};
constexpr Names kGhaLanguages[] = {"aka eng", "ewe eng", "aka"};
constexpr Names kGhaPlaces[] = {"Kumasi", "Accra", "Tamale"};

constexpr Names kCivFemale[] = {"Adjoua", "Aya", "Affoué", "Mariam", "Awa", "Amenan"};
constexpr Names kCivMale[] = {"Kouadio", "Koffi", "Yao", "Seydou", "Drissa"};
constexpr Names kCivFamily[] = {"Kouassi", "Koné",      "Ouattara", "Yao",
                                "Bamba",   "Coulibaly", "Touré",    "Konan"};
constexpr Names kCivLanguages[] = {"fra dyu", "fra bci", "dyu"};
constexpr Names kCivPlaces[] = {"Abidjan", "Korhogo", "Bouaké", "Odienné"};

const std::array<Origin, 8> kOrigins = {{
    {"SEN", kSenFemale, kSenMale, kSenFamily, kSenLanguages, kSenPlaces},
    {"MLI", kMliFemale, kMliMale, kMliFamily, kMliLanguages, kMliPlaces},
    {"GIN", kGinFemale, kGinMale, kGinFamily, kGinLanguages, kGinPlaces},
    {"BFA", kBfaFemale, kBfaMale, kBfaFamily, kBfaLanguages, kBfaPlaces},
    {"NGA", kNgaFemale, kNgaMale, kNgaFamily, kNgaLanguages, kNgaPlaces},
    {"GMB", kGmbFemale, kGmbMale, kGmbFamily, kGmbLanguages, kGmbPlaces},
    {"GHA", kGhaFemale, kGhaMale, kGhaFamily, kGhaLanguages, kGhaPlaces},
    {"CIV", kCivFemale, kCivMale, kCivFamily, kCivLanguages, kCivPlaces},
}};

}  // namespace

std::span<const Origin> Origins() { return kOrigins; }

const Origin& OriginOf(std::string_view nationality) {
  for (const Origin& origin : kOrigins) {
    if (origin.nationality == nationality) return origin;
  }
  return kOrigins[0];
}

}  // namespace minegate::test::population
