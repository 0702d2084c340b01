using System.Text;

namespace Lantern.Linking.Text;

/// <summary>
/// Lawrence Philips' Double Metaphone (2000), written from the published description. It returns a
/// primary and an alternate key of at most four characters. Written here rather than taken from a
/// package so that the keys are pinned by our own tests and the library stays BCL-only (see docs/adr).
/// </summary>
public static class DoubleMetaphone
{
    private const int MaxLength = 4;

    public static (string Primary, string Alternate) Encode(string? word)
    {
        if (string.IsNullOrEmpty(word))
        {
            return ("", "");
        }
        var s = new Encoder(word.ToUpperInvariant(), word.Length);
        return s.Run();
    }

    // As in the original, the word is padded with spaces so that rules such as "IER " can look past its end.
    private sealed class Encoder(string value, int length)
    {
        private readonly string _value = value + "     ";
        private readonly StringBuilder _primary = new(8);
        private readonly StringBuilder _alternate = new(8);
        private readonly int _last = length - 1;
        private int _current;

        private char At(int i) => i >= 0 && i < _value.Length ? _value[i] : '\0';

        private bool StringAt(int start, int length, params ReadOnlySpan<string> options)
        {
            if (start < 0 || start + length > _value.Length)
            {
                // A shorter tail can still match an empty option list entry only; mirror the original's behaviour.
                return false;
            }
            var span = _value.AsSpan(start, length);
            foreach (var o in options)
            {
                if (span.SequenceEqual(o))
                {
                    return true;
                }
            }
            return false;
        }

        private static bool IsVowel(char c) => c is 'A' or 'E' or 'I' or 'O' or 'U' or 'Y';

        private bool IsVowelAt(int i) => i >= 0 && i < _value.Length && IsVowel(_value[i]);

        private bool SlavoGermanic() =>
            _value.Contains('W', StringComparison.Ordinal) || _value.Contains('K', StringComparison.Ordinal)
            || _value.Contains("CZ", StringComparison.Ordinal) || _value.Contains("WITZ", StringComparison.Ordinal);

        private void Add(string main) => Add(main, main);

        private void Add(string main, string alt)
        {
            _primary.Append(main);
            _alternate.Append(alt);
        }

        public (string, string) Run()
        {
            if (StringAt(0, 2, "GN", "KN", "PN", "WR", "PS"))
            {
                _current = 1;
            }
            if (At(0) == 'X')
            {
                Add("S");
                _current = 1;
            }
            while (_primary.Length < MaxLength || _alternate.Length < MaxLength)
            {
                if (_current > _last)
                {
                    break;
                }
                var c = At(_current);
                switch (c)
                {
                    case 'A' or 'E' or 'I' or 'O' or 'U' or 'Y':
                        if (_current == 0)
                        {
                            Add("A");
                        }
                        _current++;
                        break;
                    case 'B':
                        Add("P");
                        _current += At(_current + 1) == 'B' ? 2 : 1;
                        break;
                    case 'Ç':
                        Add("S");
                        _current++;
                        break;
                    case 'C':
                        HandleC();
                        break;
                    case 'D':
                        if (StringAt(_current, 2, "DG"))
                        {
                            if (StringAt(_current + 2, 1, "I", "E", "Y"))
                            {
                                Add("J");
                                _current += 3;
                            }
                            else
                            {
                                Add("TK");
                                _current += 2;
                            }
                        }
                        else if (StringAt(_current, 2, "DT", "DD"))
                        {
                            Add("T");
                            _current += 2;
                        }
                        else
                        {
                            Add("T");
                            _current++;
                        }
                        break;
                    case 'F':
                        Add("F");
                        _current += At(_current + 1) == 'F' ? 2 : 1;
                        break;
                    case 'G':
                        HandleG();
                        break;
                    case 'H':
                        if ((_current == 0 || IsVowelAt(_current - 1)) && IsVowelAt(_current + 1))
                        {
                            Add("H");
                            _current += 2;
                        }
                        else
                        {
                            _current++;
                        }
                        break;
                    case 'J':
                        HandleJ();
                        break;
                    case 'K':
                        Add("K");
                        _current += At(_current + 1) == 'K' ? 2 : 1;
                        break;
                    case 'L':
                        if (At(_current + 1) == 'L')
                        {
                            if ((_current == _last - 2 && StringAt(_current - 1, 4, "ILLO", "ILLA", "ALLE"))
                                || ((StringAt(_last - 1, 2, "AS", "OS") || StringAt(_last, 1, "A", "O"))
                                    && StringAt(_current - 1, 4, "ALLE")))
                            {
                                Add("L", "");
                                _current += 2;
                                break;
                            }
                            _current += 2;
                        }
                        else
                        {
                            _current++;
                        }
                        Add("L");
                        break;
                    case 'M':
                        if ((StringAt(_current - 1, 3, "UMB") && (_current + 1 == _last || StringAt(_current + 2, 2, "ER")))
                            || At(_current + 1) == 'M')
                        {
                            _current += 2;
                        }
                        else
                        {
                            _current++;
                        }
                        Add("M");
                        break;
                    case 'N':
                        Add("N");
                        _current += At(_current + 1) == 'N' ? 2 : 1;
                        break;
                    case 'Ñ':
                        Add("N");
                        _current++;
                        break;
                    case 'P':
                        if (At(_current + 1) == 'H')
                        {
                            Add("F");
                            _current += 2;
                        }
                        else
                        {
                            Add("P");
                            _current += StringAt(_current + 1, 1, "P", "B") ? 2 : 1;
                        }
                        break;
                    case 'Q':
                        Add("K");
                        _current += At(_current + 1) == 'Q' ? 2 : 1;
                        break;
                    case 'R':
                        if (_current == _last && !SlavoGermanic() && StringAt(_current - 2, 2, "IE")
                            && !StringAt(_current - 4, 2, "ME", "MA"))
                        {
                            Add("", "R");
                        }
                        else
                        {
                            Add("R");
                        }
                        _current += At(_current + 1) == 'R' ? 2 : 1;
                        break;
                    case 'S':
                        HandleS();
                        break;
                    case 'T':
                        HandleT();
                        break;
                    case 'V':
                        Add("F");
                        _current += At(_current + 1) == 'V' ? 2 : 1;
                        break;
                    case 'W':
                        HandleW();
                        break;
                    case 'X':
                        if (!(_current == _last && (StringAt(_current - 3, 3, "IAU", "EAU") || StringAt(_current - 2, 2, "AU", "OU"))))
                        {
                            Add("KS");
                        }
                        _current += StringAt(_current + 1, 1, "C", "X") ? 2 : 1;
                        break;
                    case 'Z':
                        if (At(_current + 1) == 'H')
                        {
                            Add("J");
                            _current += 2;
                            break;
                        }
                        if (StringAt(_current + 1, 2, "ZO", "ZI", "ZA") || (SlavoGermanic() && _current > 0 && At(_current - 1) != 'T'))
                        {
                            Add("S", "TS");
                        }
                        else
                        {
                            Add("S");
                        }
                        _current += At(_current + 1) == 'Z' ? 2 : 1;
                        break;
                    default:
                        _current++;
                        break;
                }
            }
            var p = _primary.ToString();
            var a = _alternate.ToString();
            return (p.Length > MaxLength ? p[..MaxLength] : p, a.Length > MaxLength ? a[..MaxLength] : a);
        }

        private void HandleC()
        {
            // Various Germanic spellings: "BACHER", "MACHER".
            if (_current > 1 && !IsVowelAt(_current - 2) && StringAt(_current - 1, 3, "ACH")
                && At(_current + 2) != 'I' && (At(_current + 2) != 'E' || StringAt(_current - 2, 6, "BACHER", "MACHER")))
            {
                Add("K");
                _current += 2;
                return;
            }
            if (_current == 0 && StringAt(_current, 6, "CAESAR"))
            {
                Add("S");
                _current += 2;
                return;
            }
            if (StringAt(_current, 4, "CHIA"))
            {
                Add("K");
                _current += 2;
                return;
            }
            if (StringAt(_current, 2, "CH"))
            {
                if (_current > 0 && StringAt(_current, 4, "CHAE"))
                {
                    Add("K", "X");
                    _current += 2;
                    return;
                }
                if (_current == 0 && (StringAt(_current + 1, 5, "HARAC", "HARIS") || StringAt(_current + 1, 3, "HOR", "HYM", "HIA", "HEM"))
                    && !StringAt(0, 5, "CHORE"))
                {
                    Add("K");
                    _current += 2;
                    return;
                }
                if (StringAt(0, 4, "VAN ", "VON ") || StringAt(0, 3, "SCH")
                    || StringAt(_current - 2, 6, "ORCHES", "ARCHIT", "ORCHID")
                    || StringAt(_current + 2, 1, "T", "S")
                    || ((StringAt(_current - 1, 1, "A", "O", "U", "E") || _current == 0)
                        && StringAt(_current + 2, 1, "L", "R", "N", "M", "B", "H", "F", "V", "W", " ")))
                {
                    Add("K");
                }
                else if (_current > 0)
                {
                    if (StringAt(0, 2, "MC"))
                    {
                        Add("K");
                    }
                    else
                    {
                        Add("X", "K");
                    }
                }
                else
                {
                    Add("X");
                }
                _current += 2;
                return;
            }
            if (StringAt(_current, 2, "CZ") && !StringAt(_current - 2, 4, "WICZ"))
            {
                Add("S", "X");
                _current += 2;
                return;
            }
            if (StringAt(_current + 1, 3, "CIA"))
            {
                Add("X");
                _current += 3;
                return;
            }
            if (StringAt(_current, 2, "CC") && !(_current == 1 && At(0) == 'M'))
            {
                if (StringAt(_current + 2, 1, "I", "E", "H") && !StringAt(_current + 2, 2, "HU"))
                {
                    if ((_current == 1 && At(_current - 1) == 'A') || StringAt(_current - 1, 5, "UCCEE", "UCCES"))
                    {
                        Add("KS");
                    }
                    else
                    {
                        Add("X");
                    }
                    _current += 3;
                    return;
                }
                Add("K");
                _current += 2;
                return;
            }
            if (StringAt(_current, 2, "CK", "CG", "CQ"))
            {
                Add("K");
                _current += 2;
                return;
            }
            if (StringAt(_current, 2, "CI", "CE", "CY"))
            {
                if (StringAt(_current, 3, "CIO", "CIE", "CIA"))
                {
                    Add("S", "X");
                }
                else
                {
                    Add("S");
                }
                _current += 2;
                return;
            }
            Add("K");
            if (StringAt(_current + 1, 2, " C", " Q", " G"))
            {
                _current += 3;
            }
            else if (StringAt(_current + 1, 1, "C", "K", "Q") && !StringAt(_current + 1, 2, "CE", "CI"))
            {
                _current += 2;
            }
            else
            {
                _current++;
            }
        }

        private void HandleG()
        {
            if (At(_current + 1) == 'H')
            {
                if (_current > 0 && !IsVowelAt(_current - 1))
                {
                    Add("K");
                    _current += 2;
                    return;
                }
                if (_current == 0)
                {
                    if (At(_current + 2) == 'I')
                    {
                        Add("J");
                    }
                    else
                    {
                        Add("K");
                    }
                    _current += 2;
                    return;
                }
                // Parker's rule (with some further refinements): "HUGH".
                if ((_current > 1 && StringAt(_current - 2, 1, "B", "H", "D"))
                    || (_current > 2 && StringAt(_current - 3, 1, "B", "H", "D"))
                    || (_current > 3 && StringAt(_current - 4, 1, "B", "H")))
                {
                    _current += 2;
                    return;
                }
                if (_current > 2 && At(_current - 1) == 'U' && StringAt(_current - 3, 1, "C", "G", "L", "R", "T"))
                {
                    // "LAUGH", "MCLAUGHLIN", "COUGH", "GOUGH", "ROUGH", "TOUGH".
                    Add("F");
                }
                else if (_current > 0 && At(_current - 1) != 'I')
                {
                    Add("K");
                }
                _current += 2;
                return;
            }
            if (At(_current + 1) == 'N')
            {
                if (_current == 1 && IsVowelAt(0) && !SlavoGermanic())
                {
                    Add("KN", "N");
                }
                else if (!StringAt(_current + 2, 2, "EY") && At(_current + 1) != 'Y' && !SlavoGermanic())
                {
                    Add("N", "KN");
                }
                else
                {
                    Add("KN");
                }
                _current += 2;
                return;
            }
            if (StringAt(_current + 1, 2, "LI") && !SlavoGermanic())
            {
                Add("KL", "L");
                _current += 2;
                return;
            }
            if (_current == 0 && (At(_current + 1) == 'Y'
                || StringAt(_current + 1, 2, "ES", "EP", "EB", "EL", "EY", "IB", "IL", "IN", "IE", "EI", "ER")))
            {
                Add("K", "J");
                _current += 2;
                return;
            }
            if ((StringAt(_current + 1, 2, "ER") || At(_current + 1) == 'Y')
                && !StringAt(0, 6, "DANGER", "RANGER", "MANGER")
                && !StringAt(_current - 1, 1, "E", "I") && !StringAt(_current - 1, 3, "RGY", "OGY"))
            {
                Add("K", "J");
                _current += 2;
                return;
            }
            if (StringAt(_current + 1, 1, "E", "I", "Y") || StringAt(_current - 1, 4, "AGGI", "OGGI"))
            {
                if (StringAt(0, 4, "VAN ", "VON ") || StringAt(0, 3, "SCH") || StringAt(_current + 1, 2, "ET"))
                {
                    Add("K");
                }
                else if (StringAt(_current + 1, 4, "IER "))
                {
                    Add("J");
                }
                else
                {
                    Add("J", "K");
                }
                _current += 2;
                return;
            }
            Add("K");
            _current += At(_current + 1) == 'G' ? 2 : 1;
        }

        private void HandleJ()
        {
            if (StringAt(_current, 4, "JOSE") || StringAt(0, 4, "SAN "))
            {
                if ((_current == 0 && At(_current + 4) == ' ') || StringAt(0, 4, "SAN "))
                {
                    Add("H");
                }
                else
                {
                    Add("J", "H");
                }
                _current++;
                return;
            }
            if (_current == 0 && !StringAt(_current, 4, "JOSE"))
            {
                Add("J", "A");
            }
            else if (IsVowelAt(_current - 1) && !SlavoGermanic() && (At(_current + 1) == 'A' || At(_current + 1) == 'O'))
            {
                Add("J", "H");
            }
            else if (_current == _last)
            {
                Add("J", "");
            }
            else if (!StringAt(_current + 1, 1, "L", "T", "K", "S", "N", "M", "B", "Z") && !StringAt(_current - 1, 1, "S", "K", "L"))
            {
                Add("J");
            }
            _current += At(_current + 1) == 'J' ? 2 : 1;
        }

        private void HandleS()
        {
            if (StringAt(_current - 1, 3, "ISL", "YSL"))
            {
                _current++;
                return;
            }
            if (_current == 0 && StringAt(_current, 5, "SUGAR"))
            {
                Add("X", "S");
                _current++;
                return;
            }
            if (StringAt(_current, 2, "SH"))
            {
                if (StringAt(_current + 1, 4, "HEIM", "HOEK", "HOLM", "HOLZ"))
                {
                    Add("S");
                }
                else
                {
                    Add("X");
                }
                _current += 2;
                return;
            }
            if (StringAt(_current, 3, "SIO", "SIA") || StringAt(_current, 4, "SIAN"))
            {
                if (!SlavoGermanic())
                {
                    Add("S", "X");
                }
                else
                {
                    Add("S");
                }
                _current += 3;
                return;
            }
            if ((_current == 0 && StringAt(_current + 1, 1, "M", "N", "L", "W")) || StringAt(_current + 1, 1, "Z"))
            {
                Add("S", "X");
                _current += StringAt(_current + 1, 1, "Z") ? 2 : 1;
                return;
            }
            if (StringAt(_current, 2, "SC"))
            {
                if (At(_current + 2) == 'H')
                {
                    if (StringAt(_current + 3, 2, "OO", "ER", "EN", "UY", "ED", "EM"))
                    {
                        if (StringAt(_current + 3, 2, "ER", "EN"))
                        {
                            Add("X", "SK");
                        }
                        else
                        {
                            Add("SK");
                        }
                        _current += 3;
                        return;
                    }
                    if (_current == 0 && !IsVowelAt(3) && At(3) != 'W')
                    {
                        Add("X", "S");
                    }
                    else
                    {
                        Add("X");
                    }
                    _current += 3;
                    return;
                }
                if (StringAt(_current + 2, 1, "I", "E", "Y"))
                {
                    Add("S");
                    _current += 3;
                    return;
                }
                Add("SK");
                _current += 3;
                return;
            }
            if (_current == _last && StringAt(_current - 2, 2, "AI", "OI"))
            {
                Add("", "S");
            }
            else
            {
                Add("S");
            }
            _current += StringAt(_current + 1, 1, "S", "Z") ? 2 : 1;
        }

        private void HandleT()
        {
            if (StringAt(_current, 4, "TION") || StringAt(_current, 3, "TIA", "TCH"))
            {
                Add("X");
                _current += 3;
                return;
            }
            if (StringAt(_current, 2, "TH") || StringAt(_current, 3, "TTH"))
            {
                if (StringAt(_current + 2, 2, "OM", "AM") || StringAt(0, 4, "VAN ", "VON ") || StringAt(0, 3, "SCH"))
                {
                    Add("T");
                }
                else
                {
                    Add("0", "T");
                }
                _current += 2;
                return;
            }
            Add("T");
            _current += StringAt(_current + 1, 1, "T", "D") ? 2 : 1;
        }

        private void HandleW()
        {
            if (StringAt(_current, 2, "WR"))
            {
                Add("R");
                _current += 2;
                return;
            }
            if (_current == 0 && (IsVowelAt(_current + 1) || StringAt(_current, 2, "WH")))
            {
                if (IsVowelAt(_current + 1))
                {
                    Add("A", "F");
                }
                else
                {
                    Add("A");
                }
            }
            if ((_current == _last && IsVowelAt(_current - 1)) || StringAt(_current - 1, 5, "EWSKI", "EWSKY", "OWSKI", "OWSKY")
                || StringAt(0, 3, "SCH"))
            {
                Add("", "F");
                _current++;
                return;
            }
            if (StringAt(_current, 4, "WICZ", "WITZ"))
            {
                Add("TS", "FX");
                _current += 4;
                return;
            }
            _current++;
        }
    }
}
