using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lantern.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Referrals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ApiKeys",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Prefix = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    KeyHash = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RevokedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApiKeys", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApiKeys_Agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "IdempotencyRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Caller = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RequestHash = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ResponseStatus = table.Column<int>(type: "INTEGER", nullable: true),
                    ResponseBody = table.Column<string>(type: "TEXT", nullable: true),
                    ResponseLocation = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IdempotencyRecords", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Referrals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DecisionDueBy = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    SourceAgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReferrerUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ApiKeyId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ReferrerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ReferrerRole = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ReferrerPhone = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    ReferrerEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    FromProfessional = table.Column<bool>(type: "INTEGER", nullable: false),
                    ChildGivenName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ChildFamilyName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ChildKnownAs = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ChildDateOfBirth = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ChildApproximateAge = table.Column<int>(type: "INTEGER", nullable: true),
                    ChildAddress = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ChildPostcode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    ChildSchool = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ChildNhsNumber = table.Column<string>(type: "TEXT", maxLength: 12, nullable: true),
                    ChildUniquePupilNumber = table.Column<string>(type: "TEXT", maxLength: 13, nullable: true),
                    ChildPoliceReference = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    WhatHappened = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: false),
                    WhyWorried = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: false),
                    ConcernsSexualHarmOrExploitation = table.Column<bool>(type: "INTEGER", nullable: false),
                    FamilyAwareness = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    LawfulBasis = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    DecisionRationale = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DecidedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Referrals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Referrals_Agencies_SourceAgencyId",
                        column: x => x.SourceAgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ReferralMentions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReferralId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReferralMentions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReferralMentions_Referrals_ReferralId",
                        column: x => x.ReferralId,
                        principalTable: "Referrals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ApiKeys_AgencyId",
                table: "ApiKeys",
                column: "AgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_ApiKeys_KeyHash",
                table: "ApiKeys",
                column: "KeyHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_IdempotencyRecords_Caller_Key",
                table: "IdempotencyRecords",
                columns: new[] { "Caller", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReferralMentions_ReferralId",
                table: "ReferralMentions",
                column: "ReferralId");

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_Reference",
                table: "Referrals",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_ReferrerUserId",
                table: "Referrals",
                column: "ReferrerUserId");

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_SourceAgencyId",
                table: "Referrals",
                column: "SourceAgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_Status_DecisionDueBy",
                table: "Referrals",
                columns: new[] { "Status", "DecisionDueBy" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ApiKeys");

            migrationBuilder.DropTable(
                name: "IdempotencyRecords");

            migrationBuilder.DropTable(
                name: "ReferralMentions");

            migrationBuilder.DropTable(
                name: "Referrals");
        }
    }
}
