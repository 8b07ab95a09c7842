#include "server/risk/internal/words.hpp"

#include <array>

namespace minegate::server::risk::internal {

Words RelationWords(v1::CompanionRelation relation) {
  switch (relation) {
    case v1::COMPANION_RELATION_PARENT:
      return {"parent", "parent", "parent"};
    case v1::COMPANION_RELATION_SPOUSE:
      return {"spouse", "conjoint", "spouse"};
    case v1::COMPANION_RELATION_SIBLING:
      return {"sibling", "frère ou sœur", "brother or sister"};
    case v1::COMPANION_RELATION_OTHER_FAMILY:
      return {"other_family", "autre parent de la famille", "other family member"};
    case v1::COMPANION_RELATION_EMPLOYER:
      return {"employer", "employeur", "employer"};
    case v1::COMPANION_RELATION_RECRUITER:
      return {"recruiter", "recruteur", "recruiter"};
    case v1::COMPANION_RELATION_FRIEND:
      return {"friend", "ami ou amie", "friend"};
    case v1::COMPANION_RELATION_UNKNOWN:
      return {"unknown", "personne inconnue d'elle", "someone she does not know"};
    default:
      return {"not_stated", "lien non précisé", "relation not stated"};
  }
}

Words HolderWords(v1::DocumentHolder holder) {
  switch (holder) {
    case v1::DOCUMENT_HOLDER_COMPANION:
      return {"companion", "la personne qui l'accompagne", "the person with her"};
    case v1::DOCUMENT_HOLDER_EMPLOYER_OR_RECRUITER:
      return {"employer_or_recruiter", "son employeur ou recruteur", "her employer or recruiter"};
    case v1::DOCUMENT_HOLDER_OTHER:
      return {"other", "une autre personne", "someone else"};
    default:
      return {"not_stated", "une personne non précisée", "someone not stated"};
  }
}

Words JobWords(v1::PromisedJob job) {
  switch (job) {
    case v1::PROMISED_JOB_RESTAURANT:
      return {"restaurant", "restaurant", "restaurant"};
    case v1::PROMISED_JOB_BAR:
      return {"bar", "bar", "bar"};
    case v1::PROMISED_JOB_DOMESTIC_WORK:
      return {"domestic_work", "travail domestique", "domestic work"};
    case v1::PROMISED_JOB_COMMERCE:
      return {"commerce", "commerce", "commerce"};
    case v1::PROMISED_JOB_HAIRDRESSING:
      return {"hairdressing", "coiffure", "hairdressing"};
    case v1::PROMISED_JOB_MINING:
      return {"mining", "travail à la mine", "mining"};
    case v1::PROMISED_JOB_OTHER:
      return {"other", "autre travail", "other work"};
    default:
      return {"not_stated", "travail non précisé", "work not stated"};
  }
}

Words NoticeKindWords(v1::SearchNoticeKind kind) {
  switch (kind) {
    case v1::SEARCH_NOTICE_KIND_MISSING:
      return {"missing", "personne disparue", "missing person"};
    case v1::SEARCH_NOTICE_KIND_WATCH:
      return {"watch", "personne à surveiller", "person to watch for"};
    default:
      return {"not_stated", "avis", "notice"};
  }
}

Words MatchMethodWords(v1::SearchNoticeMatchMethod method) {
  switch (method) {
    case v1::SEARCH_NOTICE_MATCH_METHOD_DOCUMENT_NUMBER:
      return {"document", "même numéro de pièce d'identité", "same identity document number"};
    case v1::SEARCH_NOTICE_MATCH_METHOD_NAME_BIRTH_NATIONALITY:
      return {"name", "nom proche, même année de naissance et nationalité",
              "similar name, same birth year and nationality"};
    default:
      return {"not_stated", "correspondance", "match"};
  }
}

Words LanguageWords(std::string_view code) {
  static constexpr std::array<Words, 22> kNames{{
      {"bam", "bambara", "Bambara"},
      {"dyo", "diola", "Jola"},
      {"emk", "malinké", "Malinke"},
      {"eng", "anglais", "English"},
      {"ewe", "éwé", "Ewe"},
      {"fra", "français", "French"},
      {"fuc", "pulaar", "Pulaar"},
      {"fuf", "pular", "Pular"},
      {"ful", "peul", "Fula"},
      {"hau", "haoussa", "Hausa"},
      {"ibo", "igbo", "Igbo"},
      {"kri", "krio", "Krio"},
      {"mnk", "mandinka", "Mandinka"},
      {"pcm", "pidgin du Nigeria", "Nigerian Pidgin"},
      {"por", "portugais", "Portuguese"},
      {"snk", "soninké", "Soninke"},
      {"srr", "sérère", "Serer"},
      {"sus", "soussou", "Susu"},
      {"twi", "twi", "Twi"},
      {"wol", "wolof", "Wolof"},
      {"yor", "yoruba", "Yoruba"},
      {"bsc", "bassari", "Bassari"},
  }};
  for (const Words& words : kNames) {
    if (words.machine == code) return words;
  }
  return {code, code, code};
}

}  // namespace minegate::server::risk::internal
