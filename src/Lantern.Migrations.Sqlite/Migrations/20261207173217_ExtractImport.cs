using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lantern.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ExtractImport : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Mentions_LinkedAt",
                table: "Mentions");

            migrationBuilder.AddColumn<string>(
                name: "DecidedByName",
                table: "Referrals",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Code",
                table: "Agencies",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "SourceRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SourceId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    TargetId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Entries = table.Column<string>(type: "TEXT", nullable: true),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Line = table.Column<string>(type: "TEXT", nullable: false),
                    FirstImportedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastImportedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Corrections = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SourceRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SourceRecords_Agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SourceRecordVersions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SourceRecordId = table.Column<long>(type: "INTEGER", nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Line = table.Column<string>(type: "TEXT", nullable: false),
                    ReplacedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SourceRecordVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SourceRecordVersions_SourceRecords_SourceRecordId",
                        column: x => x.SourceRecordId,
                        principalTable: "SourceRecords",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Mentions_Unread",
                table: "Mentions",
                column: "LinkedAt",
                filter: "\"LinkedAt\" IS NULL AND \"ChronologyEntryId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Agencies_Code",
                table: "Agencies",
                column: "Code",
                unique: true,
                filter: "\"Code\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_SourceRecords_AgencyId_Kind_SourceId",
                table: "SourceRecords",
                columns: new[] { "AgencyId", "Kind", "SourceId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SourceRecords_SourceId",
                table: "SourceRecords",
                column: "SourceId");

            migrationBuilder.CreateIndex(
                name: "IX_SourceRecords_TargetId",
                table: "SourceRecords",
                column: "TargetId");

            migrationBuilder.CreateIndex(
                name: "IX_SourceRecordVersions_SourceRecordId",
                table: "SourceRecordVersions",
                column: "SourceRecordId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SourceRecordVersions");

            migrationBuilder.DropTable(
                name: "SourceRecords");

            migrationBuilder.DropIndex(
                name: "IX_Mentions_Unread",
                table: "Mentions");

            migrationBuilder.DropIndex(
                name: "IX_Agencies_Code",
                table: "Agencies");

            migrationBuilder.DropColumn(
                name: "DecidedByName",
                table: "Referrals");

            migrationBuilder.DropColumn(
                name: "Code",
                table: "Agencies");

            migrationBuilder.CreateIndex(
                name: "IX_Mentions_LinkedAt",
                table: "Mentions",
                column: "LinkedAt");
        }
    }
}
