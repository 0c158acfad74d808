package extract

import (
	"strings"
	"testing"
)

// TestFeatures runs small articles written for one feature each and checks
// the statement the feature is about.
func TestFeatures(t *testing.T) {
	tests := []struct {
		name    string
		text    string // title, then body
		speaker string
		key     string // a part of the statement's text
		notKey  string // what the statement's text must not start with
		topic   string // a topic the statement must carry, if any
		absent  bool   // no statement may contain key
		entity  string // a name no entity may have
	}{
		{"family name first: the first word names the person later",
			"Factory visit\nNorth Korean leader Kim Jong Un toured a tractor plant on Monday.\nKim said farms would get new machines this year.",
			"Kim Jong Un", "farms would get new machines", "", "", false, ""},
		{"a learned surname followed by more of a name is someone else",
			"Drills\nNorth Korean leader Kim Jong Un watched a parade.\nSouth Korean Defence Minister Kim Yong-hyun said the allies would hold more drills.",
			"Kim Yong-hyun", "the allies would hold more drills", "", "", false, ""},
		{"a colon inside a time opens nothing",
			"Launch\nJapan's coast guard said the missile was launched at about 7:10 a.m. and fell outside its waters.",
			"", "the missile was launched at about 7:10 a.m. and fell", "10 a", "", false, ""},
		{"a determiner not opened by a preposition starts the content",
			"Talks\nCzech Foreign Minister Jan Lipavsky told reporters the meeting had gone well.",
			"", "the meeting had gone well", "", "", false, ""},
		{"a statement naming no issue takes the story's",
			"Sanctions on oil exports widen\nThe European Union adopted new sanctions on Russian oil exports on Friday.\nLithuania's foreign minister said the decision came at the right time.",
			"", "the decision came at the right time", "", "sanctions", false, ""},
		{"a time of day before the day is part of the date",
			"طهران\nرفض المتحدث باسم الخارجية الإيرانية إسماعيل بقائي صباح اليوم ما ورد في البيان الختامي، وقال إنه تدخل في الشؤون الداخلية.",
			"Esmaeil Baghaei", "ما ورد في البيان الختامي", "صباح", "", false, ""},
		{"quote first, then the speaker with an appositive",
			"Floods\n\"We need every boat we can get on the water tonight,\" Ursula von der Leyen, the president of the European Commission, wrote on X.",
			"Ursula von der Leyen", "We need every boat we can get on the water tonight", "", "", false, ""},
		{"a verb that adopts a noun reports nothing",
			"عقوبات\nأقر مجلس الأمن قرارا جديدا بشأن الصومال يوم الجمعة.",
			"", "قرارا جديدا", "", "", true, ""},
		{"a masculine gentilic after a portfolio word is no ministry",
			"الطاقة\nقال وزير الخارجية الروسي سيرغي لافروف إن الهند ستواصل شراء النفط الروسي هذا العام.",
			"Sergey Lavrov", "ستواصل شراء النفط الروسي", "", "", false, "Russian Ministry of Oil"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := extractor(t).Extract(textArticle("feature", "2024-11-04", tt.text))
			if err != nil {
				t.Fatal(err)
			}
			names := entityNames(res)
			for _, e := range res.Entities {
				if tt.entity != "" && e.Name == tt.entity {
					t.Errorf("entity %q found", e.Name)
				}
			}
			var got []string
			for _, s := range res.Statements {
				got = append(got, names[s.SpeakerID]+": "+s.Text)
				if !strings.Contains(s.Text, tt.key) {
					continue
				}
				if tt.absent {
					t.Errorf("statement %q: want none", s.Text)
					return
				}
				if tt.speaker != "" && names[s.SpeakerID] != tt.speaker {
					t.Errorf("speaker %q, want %q", names[s.SpeakerID], tt.speaker)
				}
				if tt.notKey != "" && strings.HasPrefix(s.Text, tt.notKey) {
					t.Errorf("text %q starts with %q", s.Text, tt.notKey)
				}
				if tt.topic != "" && !contains(s.Topics, tt.topic) {
					t.Errorf("topics %v, want %s among them", s.Topics, tt.topic)
				}
				return
			}
			if !tt.absent {
				t.Errorf("no statement contains %q; statements: %q", tt.key, got)
			}
		})
	}
}

// TestKnownMinistry names one ministry in two ways, by its full name and by
// its portfolio and state: both are the knowledge base's entry.
func TestKnownMinistry(t *testing.T) {
	res, err := extractor(t).Extract(textArticle("ministry", "2024-11-04",
		"Beijing\nThe Chinese Foreign Ministry issued a statement on Monday.\nBeijing's foreign ministry said the sanctions would not change its position."))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, e := range res.Entities {
		if e.Type == Organization && e.StateID == "CN" {
			ids = append(ids, e.ID)
		}
	}
	if len(ids) != 1 || ids[0] != "org:chinese-mfa" {
		t.Errorf("Chinese organisations %v, want only org:chinese-mfa", ids)
	}
}

// TestCoordinatedTitles: in "رئيس الوزراء الهندي والرئيس الأمريكي دونالد
// ترامب" the first title is another person's, not Trump's.
func TestCoordinatedTitles(t *testing.T) {
	res, err := extractor(t).Extract(textArticle("titles", "2025-06-04",
		"لقاء\nالتقى رئيس الوزراء الهندي والرئيس الأمريكي دونالد ترامب في واشنطن يوم الثلاثاء."))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res.Roles {
		if r.PersonID == "person:donald-trump" && r.OfID != "US" {
			t.Errorf("Trump holds %s of %s", r.Title, r.OfID)
		}
	}
}

// TestHeadTitleFromKB: the text calls the head of a body رئيسة ("Chair"),
// the knowledge base says what the body calls her office (President).
func TestHeadTitleFromKB(t *testing.T) {
	res, err := extractor(t).Extract(textArticle("head", "2025-03-04",
		"بروكسل\nقالت رئيسة المفوضية الأوروبية أورسولا فون دير لاين إن أوروبا ستزيد إنفاقها الدفاعي."))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res.Roles {
		if r.PersonID == "person:ursula-von-der-leyen" {
			if r.Title != "President" || r.OfID != "org:european-commission" || r.Since == "" {
				t.Errorf("role %s of %s since %q, want President of org:european-commission with the knowledge base's dates", r.Title, r.OfID, r.Since)
			}
			return
		}
	}
	t.Errorf("no role for von der Leyen: %+v", res.Roles)
}
