using Lantern.Linking.Io;

namespace Lantern.Linking.Tests.Model;

public sealed class CsvTests
{
    [Fact]
    public void ReadRows_QuotedFields_HandlesCommasQuotesAndLineBreaks()
    {
        var rows = new CsvReader(new StringReader("a, b ,\"c, d\"\r\n\"say \"\"hi\"\"\",\"two\nlines\",x\n")).ReadRows().ToList();
        Assert.Equal(["a", "b", "c, d"], rows[0].Fields);
        Assert.Equal(["say \"hi\"", "two\nlines", "x"], rows[1].Fields);
        Assert.Equal((1, 2), (rows[0].Line, rows[1].Line));
    }

    [Fact]
    public void ReadRows_UnclosedQuote_NamesTheLine()
    {
        var e = Assert.Throws<CsvFormatException>(() => new CsvReader(new StringReader("a\n\"b\n")).ReadRows().ToList());
        Assert.Equal(2, e.Line);
    }

    [Fact]
    public void Read_FebrlStyleRows_FillsRolesAndJoinsAddressColumns()
    {
        var map = ColumnMap.Parse("id=rec_id,given=given_name,family=surname,address=street_number+address_1");
        var records = map.Read(new StringReader("rec_id, given_name, surname, street_number, address_1\nrec-1-org, amy, , 6, tullaroop street\n"), "a.csv");
        var r = Assert.Single(records);
        Assert.Equal(("rec-1-org", "amy", null, "6 tullaroop street"), (r.Id, r.Given, r.Family, r.Address));
    }

    [Theory]
    [InlineData("given=first", "no id column")]
    [InlineData("id=x,colour=y", "unknown role 'colour'")]
    [InlineData("id=x,id=y", "given twice")]
    [InlineData("id", "not role=column")]
    public void Parse_BadColumns_NamesTheProblem(string text, string message)
    {
        var e = Assert.Throws<FormatException>(() => ColumnMap.Parse(text));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("id,name\n", "id=id,given=forename", "a.csv, line 1, column 'forename'")]
    [InlineData("id,name\n1,a\n1,b\n", "id=id", "a.csv, line 3, column 'id': duplicate id '1' (first on line 2)")]
    [InlineData("id,name\n,a\n", "id=id", "a.csv, line 2, column 'id': the id is empty")]
    [InlineData("id,name\n1,a,b\n", "id=id", "a.csv, line 2: the row has 3 fields")]
    [InlineData("", "id=id", "a.csv, line 1: the file is empty")]
    public void Read_BadInput_NamesFileLineAndColumn(string csv, string columns, string message)
    {
        var e = Assert.Throws<LinkInputException>(() => ColumnMap.Parse(columns).Read(new StringReader(csv), "a.csv"));
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }
}
