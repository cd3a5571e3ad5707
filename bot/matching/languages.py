"""The question words of five other languages, each read as the English word the rest of the
reader knows. All words are folded (see `text.words`): no accents or case."""

from __future__ import annotations

# -- other languages ---------------------------------------------------------------------
# Each language's question words, read as the English word the rest of the reader knows
# ("" drops the word: articles and particles that only frame the question). Only the words
# that questions are built of: a title keeps its own words, in any language.

_SPANISH = {
    "cancelada": "cancelled", "cancelado": "cancelled", "cancelaron": "cancelled",
    "cancelo": "cancelled", "cancelacion": "cancelled", "renovada": "renewed",
    "renovado": "renewed", "renovaron": "renewed", "renovo": "renewed",
    "renovacion": "renewed", "termino": "ended", "terminada": "ended", "terminado": "ended",
    "finalizada": "ended", "acabo": "ended", "vuelve": "returning", "volvera": "returning",
    "regresa": "returning", "temporada": "season", "temporadas": "seasons", "serie": "",
    "series": "", "quien": "who", "quienes": "who", "interpreta": "plays", "actua": "plays",
    "reparto": "cast", "elenco": "cast", "actores": "actors", "cuando": "when",
    "estreno": "premiere", "estrena": "premiere", "episodios": "episodes",
    "cuantas": "how many", "cuantos": "how many", "por": "", "que": "what", "trata": "about",
    "la": "", "el": "", "los": "", "las": "", "fue": "was", "es": "is", "esta": "is", "ha": "",
    "sido": "been", "hay": "is there", "habra": "will there be", "otra": "another",
    "nueva": "new", "de": "of", "en": "in", "y": "and", "o": "or", "a": "", "sabe": "know",
    "alguien": "anyone", "sigue": "still", "tiene": "has", "tuvo": "had",
    "tendra": "will have", "tendran": "will have", "creo": "created", "creador": "creator",
    "dirigio": "directed", "director": "director", "si": "if", "puedes": "can",
    "puede": "can", "hacer": "do", "haces": "do",
    "final": "ending", "netflix": "netflix", "sale": "premiere", "cancelan": "cancelled",
    "renuevan": "renewed", "haber": "be", "mas": "more",
    "capitulos": "episodes", "protagonista": "star", "protagonistas": "cast",
    "salio": "premiere", "continua": "renewed", "continuara": "renewed", "proxima": "next",
    "saldra": "premiere", "actor": "actor", "actriz": "actress", "personaje": "character",
    "hizo": "made", "hace": "plays", "peliculas": "movies", "pelicula": "movie",
    "ano": "year", "anos": "years", "actuo": "acted",
}  # fmt: skip
_PORTUGUESE = {
    "cancelada": "cancelled", "cancelado": "cancelled", "cancelaram": "cancelled",
    "cancelou": "cancelled", "renovada": "renewed", "renovado": "renewed",
    "renovaram": "renewed", "renovou": "renewed", "acabou": "ended", "terminou": "ended",
    "volta": "returning", "voltar": "returning", "temporada": "season",
    "temporadas": "seasons", "serie": "", "quem": "who", "interpreta": "plays", "faz": "plays",
    "elenco": "cast", "atores": "actors", "quando": "when", "estreia": "premiere",
    "episodios": "episodes", "quantas": "how many", "quantos": "how many", "que": "what",
    "porque": "why", "por": "", "a": "", "o": "", "os": "", "as": "", "foi": "was",
    "vai": "will", "ter": "be", "tera": "will there be", "vai ter": "will there be",
    "outra": "another", "nova": "new", "de": "of", "da": "of", "do": "of", "em": "in",
    "na": "in", "no": "in", "e": "and", "ou": "or", "alguem": "anyone", "sabe": "know",
    "ainda": "still", "final": "ending", "ja": "", "tem": "has", "teve": "had", "criou": "created",
    "dirigiu": "directed", "sobre": "about", "pode": "can", "podes": "can",
    "fazer": "do", "mais": "else", "atuou": "acted", "ano": "year", "lancaram": "premiere",
    "lancou": "premiere",
    "sai": "premiere", "lanca": "premiere", "lancamento": "premiere",
    "capitulos": "episodes", "esta": "is", "continua": "renewed", "proxima": "next",
    "personagem": "character", "filmes": "movies", "filme": "movie",
    "atriz": "actress", "ator": "actor", "fez": "made",
}  # fmt: skip
_FRENCH = {
    "annulee": "cancelled", "annule": "cancelled", "annulees": "cancelled",
    "annulation": "cancelled", "renouvelee": "renewed", "renouvele": "renewed",
    "renouvellement": "renewed", "terminee": "ended", "termine": "ended", "finie": "ended",
    "fini": "ended", "revient": "returning", "retour": "returning", "saison": "season",
    "saisons": "seasons", "serie": "", "qui": "who", "joue": "plays", "incarne": "plays",
    "distribution": "cast", "acteurs": "actors", "quand": "when", "sortie": "premiere",
    "episodes": "episodes", "combien": "how many", "pourquoi": "why", "quoi": "what",
    "le": "", "la": "", "les": "", "l": "", "est": "is", "elle": "it", "il": "it",
    "ce": "", "que": "", "qu": "", "ete": "been", "a": "", "y": "", "aura": "will there be",
    "autre": "another", "nouvelle": "new", "de": "of", "du": "of", "des": "of", "d": "of",
    "dans": "in", "sur": "on", "et": "and", "ou": "or", "encore": "still", "fin": "ending",
    "t": "", "va": "will", "avoir": "be", "si": "if", "sort": "premiere",
    "parle": "about", "peux": "can", "faire": "do", "fais": "do", "prochaine": "next",
    "sortira": "premiere", "suite": "renewed", "continue": "renewed",
    "acteur": "actor", "actrice": "actress", "personnage": "character", "films": "movies",
    "sorti": "premiere", "quelle": "what", "quel": "what", "annee": "year",
    "histoire": "plot", "en": "in", "passe": "set", "pour": "for",
    "cree": "created", "realise": "directed",
}  # fmt: skip
_GERMAN = {
    "abgesetzt": "cancelled", "eingestellt": "cancelled", "gecancelt": "cancelled",
    "abgesagt": "cancelled", "verlangert": "renewed", "verlaengert": "renewed",
    "verlangerung": "renewed", "beendet": "ended", "vorbei": "over", "zuruck": "returning",
    "staffel": "season", "staffeln": "seasons", "serie": "", "wer": "who", "spielt": "plays",
    "besetzung": "cast", "schauspieler": "actors", "wann": "when", "start": "premiere",
    "folgen": "episodes", "wie": "how", "viele": "many", "warum": "why", "wieso": "why",
    "worum": "about", "geht": "", "es": "it", "die": "", "der": "", "das": "", "den": "",
    "wurde": "was", "ist": "is", "wird": "will", "gibt": "is there", "eine": "a",
    "ein": "a", "neue": "new", "weitere": "another", "noch": "still", "von": "of",
    "und": "and", "oder": "or", "bei": "on", "im": "in", "ende": "ending", "weiss": "know",
    "jemand": "anyone", "schon": "", "hat": "has", "hatte": "had", "mit": "with",
    "was": "what", "kannst": "can", "machen": "do", "kann": "can", "kommt": "premiere",
    "nachste": "next", "naechste": "next", "fortgesetzt": "renewed", "weiter": "renewed",
    "erscheint": "premiere", "rolle": "character", "filme": "movies", "erfunden": "created",
    "geben": "", "zweite": "second", "jahr": "year", "aus": "from", "welchem": "what",
    "welches": "what",
    "welcher": "what", "welche": "what",
    "los": "",
}  # fmt: skip
_ITALIAN = {
    "cancellata": "cancelled", "cancellato": "cancelled", "cancellano": "cancelled",
    "rinnovata": "renewed", "rinnovato": "renewed", "rinnovano": "renewed",
    "finita": "ended", "finito": "ended", "conclusa": "ended", "torna": "returning",
    "stagione": "season", "stagioni": "seasons", "serie": "", "chi": "who",
    "interpreta": "plays", "recita": "plays", "cast": "cast", "attori": "actors",
    "quando": "when", "esce": "premiere", "uscita": "premiere", "episodi": "episodes",
    "quante": "how many", "quanti": "how many", "perche": "why", "cosa": "what",
    "parla": "about", "la": "", "il": "", "lo": "", "le": "", "i": "", "gli": "", "l": "",
    "e": "is", "stata": "been", "stato": "been", "ci": "", "sara": "will there be",
    "un": "a", "una": "a", "altra": "another", "nuova": "new", "di": "of", "del": "of",
    "della": "of", "in": "in", "su": "on", "ed": "and", "o": "or", "ancora": "still",
    "qualcuno": "anyone", "sa": "know", "se": "if", "finale": "ending",
    "avra": "will have", "creato": "created", "diretto": "directed", "ha": "has",
    "puoi": "can", "fare": "do", "fai": "do", "come": "how", "funziona": "works",
    "prossima": "next", "continua": "renewed",
    "attore": "actor", "attrice": "actress", "personaggio": "character", "film": "movies",
    "recitato": "played", "protagonista": "lead", "protagonisti": "cast", "anno": "year",
    "che": "what", "uscito": "premiere",
}  # fmt: skip

# Words people add around a question, and the colloquial ways of asking, per language: the
# slang is dropped ("mano", "raga", "wey"), the verbs read as the English that asks.
_COLLOQUIAL = {
    "es": {
        "hecho": "done", "como": "how", "termina": "ends", "total": "", "bajaron": "cancelled",
        "vigente": "still", "pie": "", "oigan": "", "loco": "", "besis": "",
        "mirando": "watching", "terminar": "finish", "acabo": "finished", "vez": "",
        "otra": "another", "duda": "",
        "oye": "", "wey": "", "guey": "", "neta": "", "ptm": "", "jaja": "", "jajaja": "",
        "jeje": "", "pues": "", "vale": "", "tio": "", "tia": "", "che": "", "boludo": "",
        "pana": "", "porfa": "", "plis": "", "ya": "", "nadie": "", "acuerdo": "",
        "peli": "movie", "pelis": "movies", "estrenaron": "premiere", "sacaron": "premiere",
        "dirigida": "directed", "dirige": "directed", "sobre": "about", "basada": "based",
        "basado": "based", "libro": "book", "novela": "novel", "capitulo": "episode",
        "paso": "happened", "sucedio": "happened", "renovar": "renewed",
        "cancelar": "cancelled", "seguira": "renewed", "ultima": "last", "ultimo": "last",
        "todavia": "still", "aun": "still", "actuan": "cast", "creadores": "creators",
        "argumento": "plot", "trama": "plot", "cuantos": "how many", "salen": "cast",
        "donde": "where", "mejor": "", "alguno": "", "sabes": "know", "saben": "know",
    },
    "pt": {
        "realizou": "directed", "agr": "", "acabei": "finished", "pessoa": "person",
        "verdade": "", "bjs": "", "oxi": "", "tava": "", "vendo": "watching", "ontem": "",
        "curiosa": "", "curioso": "", "atriz": "actress", "principal": "main",
        "mano": "", "cara": "", "velho": "", "rs": "", "ne": "", "tipo": "", "mesmo": "",
        "gente": "", "pessoal": "", "vc": "you", "voce": "you", "vcs": "you", "tb": "also",
        "tbm": "also", "pq": "why", "q": "what", "estreou": "premiere", "saiu": "premiere",
        "lancada": "premiere", "lancado": "premiere", "dirigido": "directed",
        "diretor": "director", "diretora": "director", "baseada": "based",
        "baseado": "based", "livro": "book", "renovar": "renewed", "cancelar": "cancelled",
        "aconteceu": "happened", "ultima": "last", "ultimo": "last", "episodio": "episode",
        "qual": "what", "criador": "creator", "criadores": "creators", "sabem": "know",
        "trama": "plot", "enredo": "plot", "onde": "where", "galera": "", "pra": "",
        "para": "", "preciso": "", "queria": "", "saber": "know",
    },
    "fr": {
        "quels": "what", "quelles": "what", "ont": "have", "renouvelees": "renewed",
        "toutes": "", "tous": "", "pis": "", "tabarnak": "", "jviens": "", "finir": "finish",
        "gang": "", "coloc": "", "boulot": "", "allo": "", "toe": "", "tes": "you", "trop": "",
        "fort": "",
        "mdr": "", "ptdr": "", "wesh": "", "frere": "", "bref": "", "cest": "is",
        "jai": "", "vf": "", "vo": "", "avec": "with", "ca": "it", "tout": "",
        "exactement": "", "meme": "", "adapte": "based", "adaptee": "based",
        "livre": "book", "inspire": "based", "inspiree": "based", "createur": "creator",
        "createurs": "creators", "realisateur": "director", "realisatrice": "director",
        "derniere": "last", "dernier": "last", "episode": "episode", "jours": "days",
        "sais": "know", "savez": "know", "quelquun": "anyone", "intrigue": "plot",
        "ou": "or", "vraiment": "", "alors": "", "svp": "", "stp": "", "tjrs": "still",
    },
    "de": {
        "insgesamt": "", "wofur": "what for", "bist": "are", "da": "", "bruder": "",
        "meint": "", "sag": "", "nur": "", "recht": "", "feierabend": "", "grad": "",
        "geschaut": "watched", "hauptrolle": "lead", "kurze": "", "frage": "", "sitz": "",
        "hier": "", "seit": "",
        "sich": "", "ausgedacht": "created", "macher": "creators", "gemacht": "made",
        "rausgekommen": "premiere", "erschienen": "premiere", "herausgekommen": "premiere",
        "regie": "directed", "regisseur": "director", "regisseurin": "director",
        "basiert": "based", "buch": "book", "alter": "", "digga": "", "krass": "",
        "halt": "", "mal": "", "eigentlich": "", "doch": "", "ja": "", "naja": "",
        "meine": "", "ich": "i", "du": "you", "weisst": "know", "jetzt": "", "genau": "",
        "denn": "", "nochmal": "", "gesehen": "watched",
        "handlung": "plot", "letzte": "last", "mitgespielt": "acted", "zuende": "ended",
        "leute": "", "echt": "", "wirklich": "", "gedreht": "directed", "spielen": "plays",
    },
    "it": {
        "ce": "", "gia": "", "hanno": "has", "sto": "", "male": "", "stanotte": "",
        "comunque": "", "mo": "", "vabbe": "", "madre": "", "guarda": "watches", "chiede": "",
        "ditemelo": "", "funzioni": "works", "domande": "questions", "posso": "can",
        "nel": "in",
        "raga": "", "ragazzi": "", "ma": "", "cmq": "", "boh": "", "tipo": "", "dai": "",
        "allora": "", "regista": "director", "lha": "", "basata": "based",
        "basato": "based", "libro": "book", "romanzo": "novel", "trama": "plot",
        "rinnovo": "renewed", "cancellazione": "cancelled", "ultima": "last",
        "ultimo": "last", "episodio": "episode", "ideato": "created", "creatore": "creator",
        "creatori": "creators", "con": "with", "davvero": "", "sai": "know", "mi": "",
        "ho": "", "visto": "watched", "guardato": "watched", "uscita": "premiere",
        "uscite": "premiere", "sapete": "know", "tutti": "", "diretta": "directed",
    },
}  # fmt: skip
"""Colloquial words of each language (weak cues where another language or English has them)."""

ORDINALS = {
    "es": "primera first segunda second tercera third cuarta fourth quinta fifth sexta sixth "
    "septima seventh octava eighth dos 2 tres 3",
    "pt": "primeira first segunda second terceira third quarta fourth quinta fifth sexta sixth "
    "setima seventh oitava eighth duas 2 tres 3",
    "fr": "premiere first deuxieme second seconde second troisieme third quatrieme fourth "
    "cinquieme fifth sixieme sixth septieme seventh huitieme eighth deux 2 trois 3",
    "de": "erste first ersten first zweite second zweiten second dritte third dritten third "
    "vierte fourth funfte fifth sechste sixth siebte seventh achte eighth zwei 2 drei 3",
    "it": "prima first seconda second terza third quarta fourth quinta fifth sesta sixth "
    "settima seventh ottava eighth due 2 tre 3",
}
LANGUAGES: dict[str, dict[str, str]] = {
    "es": _SPANISH, "pt": _PORTUGUESE, "fr": _FRENCH, "de": _GERMAN, "it": _ITALIAN,
}  # fmt: skip
"""Question words per language, each read as the English word it stands for."""

for _language, _pairs in ORDINALS.items():
    _words = _pairs.split()
    LANGUAGES[_language].update(zip(_words[::2], _words[1::2], strict=True))
for _language, _colloquial in _COLLOQUIAL.items():
    for _word, _english in _colloquial.items():
        LANGUAGES[_language].setdefault(_word, _english)

SLANG: dict[str, frozenset[str]] = {
    language: frozenset(w for w in colloquial if not LANGUAGES[language][w])
    for language, colloquial in _COLLOQUIAL.items()
}
"""Each language's words that only pad a message ("wey", "raga"): never a title's own."""
